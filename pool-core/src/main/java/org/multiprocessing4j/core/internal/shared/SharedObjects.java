package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.multiprocessing4j.core.internal.wire.CallFrame;
import org.multiprocessing4j.core.internal.wire.CallsFrame;
import org.multiprocessing4j.core.internal.wire.FrameReader;
import org.multiprocessing4j.core.internal.wire.Protocol;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

/**
 * The shared objects that live in this JVM, by id, and the routing of calls to them. Ids are random
 * 64-bit numbers, so that an id from another JVM (a proxy passed where it cannot work) is not found
 * here rather than found wrong.
 */
public final class SharedObjects {
  private static final Map<Long, Entry> LIVE = new ConcurrentHashMap<>();

  private SharedObjects() {}

  /** An object, and the link and serializer of the manager that owns it. */
  private record Entry(SharedObject object, LocalLink link) {}

  /** Registers {@code object}, owned by the manager whose local link is {@code link}. */
  static long register(SharedObject object, LocalLink link) {
    Entry entry = new Entry(object, link);
    while (true) {
      long id = ThreadLocalRandom.current().nextLong();
      if (id != 0 && LIVE.putIfAbsent(id, entry) == null) {
        return id;
      }
    }
  }

  static void unregister(long id) {
    LIVE.remove(id);
  }

  /** The link of the manager that owns object {@code id}, if it lives in this JVM, else null. */
  static LocalLink localLink(long id) {
    Entry entry = LIVE.get(id);
    return entry == null ? null : entry.link();
  }

  /**
   * Handles the one-way calls of a {@link Protocol#CALLS} frame from {@code caller}, in order, on
   * the calling thread. Objects may keep slices of {@code frame}.
   */
  public static void dispatchBatch(Caller caller, byte[] frame) throws ProtocolException {
    FrameReader batch = CallsFrame.open(frame);
    for (FrameReader call = CallsFrame.next(batch); call != null; call = CallsFrame.next(batch)) {
      dispatch(caller, call);
    }
  }

  /**
   * Handles a {@link Protocol#CALL} or {@link Protocol#CALL_CANCEL} frame from {@code caller}, on
   * the calling thread.
   */
  public static void dispatch(Caller caller, FrameReader reader) throws ProtocolException {
    int start = CallFrame.readHeader(reader);
    byte[] frame = reader.frame();
    long callId = CallFrame.callId(frame, start);
    Entry entry = LIVE.get(CallFrame.objectId(frame, start));
    if (CallFrame.isCancel(frame, start)) {
      if (entry != null) {
        entry.object().cancel(caller, callId);
      }
      return;
    }
    Call call = new Call(caller, callId, CallFrame.operation(frame, start), reader);
    if (entry == null) {
      call.answer(
          ReplyFrame.CLOSED,
          "The shared object is gone: its Manager was closed, or it was created in another"
              + " process than this one's parent (shared objects work in the JVM whose Manager"
              + " created them and in that JVM's children)");
      return;
    }
    String fingerprint = caller.serializerFingerprint();
    String owners = entry.link().fingerprint();
    if (!fingerprint.equals(owners)) {
      call.answer(
          ReplyFrame.REFUSED,
          caller.name()
              + " serializes with another configuration than the shared object's Manager ("
              + fingerprint
              + " against "
              + owners
              + "): give the pool and the Manager the same serializer");
      return;
    }
    try {
      entry.object().handle(call);
    } catch (RuntimeException bug) {
      call.answer(ReplyFrame.REFUSED, "The shared object failed to handle the call: " + bug);
    }
  }

  /** {@code caller} is gone: every object drops what it kept or held for it. */
  public static void callerGone(Caller caller) {
    for (Entry entry : LIVE.values()) {
      entry.object().callerGone(caller);
    }
  }
}
