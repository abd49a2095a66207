package org.multiprocessing4j.core.internal;

import java.time.Duration;
import java.util.Objects;
import org.multiprocessing4j.Queue;

/**
 * A {@link Queue} whose items live in its manager's JVM, in a {@link QueueObject}. Items are
 * serialized here and deserialized by the getter; the manager's JVM keeps them as bytes. A put on
 * an unbounded queue is a one-way call: it never waits for the manager's JVM, and it reaches the
 * queue in order with everything else this JVM sends there.
 *
 * @param <E> the type of the items
 */
class QueueProxy<E> extends ObjectProxy implements Queue<E> {
  /** Timeout in nanoseconds ({@link WaitTime}), then the item; answered OK, or TIMEOUT if full. */
  static final int PUT = 1;

  /** Timeout in nanoseconds; answered OK and the item, or TIMEOUT if there was none. */
  static final int GET = 2;

  /** Answered OK and the number of items. */
  static final int SIZE = 3;

  /** Answered OK, or REFUSED if every item is done already. */
  static final int TASK_DONE = 4;

  /** Timeout in nanoseconds; answered OK once every item is done, or TIMEOUT. */
  static final int JOIN = 5;

  private final int maxSize;

  QueueProxy(long id, int maxSize) {
    super(id);
    this.maxSize = maxSize;
  }

  @Override
  public void put(E item) throws InterruptedException {
    if (maxSize == 0) {
      putOneWay(item);
    } else {
      putWaiting(item, WaitTime.FOREVER);
    }
  }

  @Override
  public boolean offer(E item) {
    if (maxSize == 0) {
      putOneWay(item);
      return true;
    }
    return link().callPromptly(putFrame(item, 0)).orThrow(link().failures()).status == Reply.OK;
  }

  @Override
  public boolean offer(E item, Duration timeout) throws InterruptedException {
    long nanos = WaitTime.nanos(timeout);
    if (maxSize == 0 || nanos == 0) {
      return offer(item);
    }
    return putWaiting(item, nanos);
  }

  private void putOneWay(E item) {
    link().oneWay(putFrame(item, 0));
  }

  private boolean putWaiting(E item, long timeoutNanos) throws InterruptedException {
    return link().call(putFrame(item, timeoutNanos)).orThrow(link().failures()).status == Reply.OK;
  }

  private FrameWriter putFrame(E item, long timeoutNanos) {
    Objects.requireNonNull(
        item, "A queue holds no null items (poll() answers null for empty): put a marker object");
    FrameWriter frame = Call.frame(id, PUT, 8 + 32).writeLong(timeoutNanos);
    return Payloads.append(frame, item, link().serializer());
  }

  @Override
  public E get() throws InterruptedException {
    return take(WaitTime.FOREVER);
  }

  @Override
  public E poll() {
    return item(link().callPromptly(waitFrame(GET, 0)));
  }

  @Override
  public E poll(Duration timeout) throws InterruptedException {
    long nanos = WaitTime.nanos(timeout);
    return nanos == 0 ? poll() : take(nanos);
  }

  private E take(long timeoutNanos) throws InterruptedException {
    return item(link().call(waitFrame(GET, timeoutNanos)));
  }

  @SuppressWarnings("unchecked")
  private E item(Reply reply) {
    if (reply.orThrow(link().failures()).status != Reply.OK) {
      return null;
    }
    return (E) Payloads.value(reply, link().serializer());
  }

  /** Starts a call whose only argument is a timeout. */
  final FrameWriter waitFrame(int operation, long timeoutNanos) {
    return Call.frame(id, operation, 8).writeLong(timeoutNanos);
  }

  @Override
  public int size() {
    return Payloads.readInt(
        link().callPromptly(Call.frame(id, SIZE, 0)).orThrow(link().failures()));
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public boolean isFull() {
    return maxSize > 0 && size() >= maxSize;
  }

  @Override
  public int maxSize() {
    return maxSize;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[maxSize=" + maxSize + "]";
  }
}
