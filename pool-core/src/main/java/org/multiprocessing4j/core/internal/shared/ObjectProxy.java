package org.multiprocessing4j.core.internal.shared;

import java.time.Duration;
import org.multiprocessing4j.core.internal.wire.CallFrame;
import org.multiprocessing4j.core.internal.wire.Encoded;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

/**
 * The base of every proxy: the object's id, the link to wherever the object lives, found on first
 * use in each JVM, and the way a proxy calls its object. Serializers copy only the id (the link is
 * transient), so a proxy passed to a child arrives there as a proxy that calls back to this JVM.
 */
public abstract class ObjectProxy {
  private static volatile ObjectLink parentLink;

  final long id;
  private transient volatile ObjectLink link;

  ObjectProxy(long id) {
    this.id = id;
  }

  /** Makes proxies in this JVM (a worker or process child) reach their objects in its parent. */
  public static void installParentLink(ObjectLink link) {
    parentLink = link;
  }

  /**
   * The link to this object's JVM: the owning manager's local link here, else the parent's.
   *
   * @throws IllegalStateException if the object lives neither here nor can be reached in a parent
   */
  final ObjectLink link() {
    ObjectLink resolved = link;
    if (resolved == null) {
      resolved = SharedObjects.localLink(id);
      if (resolved == null) {
        resolved = parentLink;
      }
      if (resolved == null) {
        throw new IllegalStateException(
            "This shared object was created by a Manager in another JVM, and this JVM is not one of"
                + " that JVM's children: use it in the JVM whose Manager created it, or pass it to"
                + " that JVM's processes and pool tasks. (Is its Manager closed?)");
      }
      link = resolved;
    }
    return resolved;
  }

  /** Starts a call on this object, to which the caller appends {@code argumentBytes} or so. */
  final FrameWriter frame(int operation, int argumentBytes) {
    return CallFrame.start(id, operation, argumentBytes);
  }

  /** Starts a call whose first argument is a timeout in nanoseconds, as {@link WaitTime} says. */
  final FrameWriter timedFrame(int operation, long timeoutNanos) {
    return frame(operation, 8).writeLong(timeoutNanos);
  }

  /** Appends the encoding of {@code value} to {@code call}, as {@link Encoded} writes it. */
  final FrameWriter encode(Object value, FrameWriter call) {
    return Encoded.write(link().serializer(), value, call);
  }

  /** Reads the next object of {@code reply}, written there as {@link Encoded} writes it. */
  @SuppressWarnings("unchecked")
  final <T> T decode(Reply reply) {
    return (T) reply.readObject(link().serializer());
  }

  /**
   * Makes a call that the owner answers at once, keeping the interrupt status if interrupted.
   *
   * @return the reply: {@link ReplyFrame#OK}, or the {@link ReplyFrame#TIMEOUT} of a call that may
   *     not wait
   * @throws IllegalStateException if the owner is closed, unreachable, or refused the call
   * @throws java.util.concurrent.CompletionException if the operation threw, with its exception
   */
  final Reply callPromptly(FrameWriter call) {
    ObjectLink resolved = link();
    return resolved.callPromptly(call).orThrow(resolved.failures());
  }

  /**
   * Makes a call that may wait in the owner, as {@link #callPromptly} does otherwise.
   *
   * @throws InterruptedException if interrupted before the call was done; it was cancelled
   */
  final Reply call(FrameWriter call) throws InterruptedException {
    ObjectLink resolved = link();
    return resolved.call(call).orThrow(resolved.failures());
  }

  /**
   * Makes a call that waits up to {@code timeoutNanos}: promptly if that is 0, so that a call that
   * does not wait is not interrupted either.
   */
  final Reply callWithin(FrameWriter call, long timeoutNanos) throws InterruptedException {
    return timeoutNanos == 0 ? callPromptly(call) : call(call);
  }

  /**
   * Makes a call whose one argument is {@code timeout}, as {@link #callWithin(FrameWriter, long)}.
   *
   * @throws NullPointerException if {@code timeout} is null
   */
  final Reply callWithin(int operation, Duration timeout) throws InterruptedException {
    long nanos = WaitTime.nanos(timeout);
    return callWithin(timedFrame(operation, nanos), nanos);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectProxy proxy && proxy.getClass() == getClass() && proxy.id == id;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id);
  }
}
