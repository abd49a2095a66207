package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.multiprocessing4j.core.internal.wire.CallFrame;
import org.multiprocessing4j.core.internal.wire.FrameReader;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

/** A caller of shared objects that records its replies, and that can be made to go away. */
final class RecordingCaller implements Caller {
  /** What {@link #status} says of a call not answered yet. */
  static final int UNANSWERED = -1;

  private final String name;
  private final List<byte[]> replies = new ArrayList<>();
  private long callIds;
  boolean gone;

  RecordingCaller(String name) {
    this.name = name;
  }

  /**
   * Makes a call on {@code object} with the arguments written after the header of {@code frame},
   * which {@link CallFrame#start} started.
   *
   * @return the call's id
   */
  long call(SharedObject object, FrameWriter frame) {
    long callId = ++callIds;
    object.handle(read(callId, frame));
    return callId;
  }

  /** Makes a call with no arguments. */
  long call(SharedObject object, int operation) {
    return call(object, CallFrame.start(0, operation, 0));
  }

  /** Makes a call whose one argument is a timeout. */
  long call(SharedObject object, int operation, long timeoutNanos) {
    return call(object, CallFrame.start(0, operation, 8).writeLong(timeoutNanos));
  }

  /** Makes a one-way call, which gets no reply, as {@link #call(SharedObject, FrameWriter)}. */
  void oneWay(SharedObject object, FrameWriter frame) {
    object.handle(read(0, frame));
  }

  private Call read(long callId, FrameWriter frame) {
    byte[] bytes = Arrays.copyOf(frame.array(), frame.size());
    FrameReader reader = new FrameReader(bytes);
    try {
      reader.skip(CallFrame.HEADER);
    } catch (ProtocolException e) {
      throw new AssertionError(e);
    }
    return new Call(this, callId, CallFrame.operation(bytes, 0), reader);
  }

  @Override
  public synchronized boolean send(FrameWriter reply) {
    if (gone) {
      return false;
    }
    replies.add(Arrays.copyOf(reply.array(), reply.size()));
    return true;
  }

  /** The reply to {@code callId}, or null if it has none yet; fails if it has several. */
  synchronized Reply reply(long callId) {
    Reply found = null;
    for (byte[] frame : replies) {
      try {
        if (ReplyFrame.callId(frame) == callId) {
          if (found != null) {
            throw new AssertionError("call " + callId + " was answered twice");
          }
          found = Reply.read(frame);
        }
      } catch (ProtocolException e) {
        throw new AssertionError(e);
      }
    }
    return found;
  }

  /** The status of the reply to {@code callId}, or {@link #UNANSWERED}. */
  int status(long callId) {
    Reply reply = reply(callId);
    return reply == null ? UNANSWERED : reply.status;
  }

  /** How many replies this caller got, to all its calls. */
  synchronized int replyCount() {
    return replies.size();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String serializerFingerprint() {
    return "fake";
  }
}
