package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Queue.GET;
import static org.multiprocessing4j.core.internal.wire.Operations.Queue.PUT;
import static org.multiprocessing4j.core.internal.wire.Operations.Queue.SIZE;

import java.time.Duration;
import java.util.Objects;
import org.multiprocessing4j.Queue;
import org.multiprocessing4j.core.internal.wire.FrameWriter;

/**
 * A {@link Queue} whose items live in its manager's JVM, in a {@link SharedQueue}. Items are
 * serialized here and deserialized by the getter; the manager's JVM keeps them as bytes. A put on
 * an unbounded queue is a one-way call: it never waits for the manager's JVM, and it reaches the
 * queue in order with everything else this JVM sends there.
 *
 * @param <E> the type of the items
 */
class QueueProxy<E> extends ObjectProxy implements Queue<E> {
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
      call(putFrame(item, WaitTime.FOREVER));
    }
  }

  @Override
  public boolean offer(E item) {
    if (maxSize == 0) {
      putOneWay(item);
      return true;
    }
    return callPromptly(putFrame(item, 0)).isOk();
  }

  @Override
  public boolean offer(E item, Duration timeout) throws InterruptedException {
    long nanos = WaitTime.nanos(timeout);
    if (maxSize == 0) {
      return offer(item);
    }
    return callWithin(putFrame(item, nanos), nanos).isOk();
  }

  private void putOneWay(E item) {
    link().oneWay(putFrame(item, 0));
  }

  private FrameWriter putFrame(E item, long timeoutNanos) {
    Objects.requireNonNull(
        item, "A queue holds no null items (poll() answers null for empty): put a marker object");
    return encode(item, timedFrame(PUT, timeoutNanos));
  }

  @Override
  public E get() throws InterruptedException {
    return item(call(timedFrame(GET, WaitTime.FOREVER)));
  }

  @Override
  public E poll() {
    return item(callPromptly(timedFrame(GET, 0)));
  }

  @Override
  public E poll(Duration timeout) throws InterruptedException {
    return item(callWithin(GET, timeout));
  }

  private E item(Reply reply) {
    return reply.isOk() ? decode(reply) : null;
  }

  @Override
  public int size() {
    return callPromptly(frame(SIZE, 0)).readInt();
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
