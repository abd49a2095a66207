package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Queue.DRAIN;
import static org.multiprocessing4j.core.internal.wire.Operations.Queue.GET;
import static org.multiprocessing4j.core.internal.wire.Operations.Queue.PEEK;
import static org.multiprocessing4j.core.internal.wire.Operations.Queue.PUT;
import static org.multiprocessing4j.core.internal.wire.Operations.Queue.SIZE;
import static org.multiprocessing4j.core.internal.wire.Operations.Queue.SNAPSHOT;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.multiprocessing4j.JoinableQueue;
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
class QueueProxy<E> extends ObjectProxy implements Queue<E>, Serializable {
  private static final long serialVersionUID = 1L;

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

  // ---- BlockingQueue ----

  @Override
  public E take() throws InterruptedException {
    return get();
  }

  @Override
  public boolean offer(E item, long timeout, TimeUnit unit) throws InterruptedException {
    return offer(item, Duration.ofNanos(unit.toNanos(timeout)));
  }

  @Override
  public E poll(long timeout, TimeUnit unit) throws InterruptedException {
    return poll(Duration.ofNanos(unit.toNanos(timeout)));
  }

  @Override
  public boolean add(E item) {
    if (offer(item)) {
      return true;
    }
    throw new IllegalStateException(
        "Queue full: it holds its maxSize of " + maxSize + " items (offer returns false instead)");
  }

  @Override
  public boolean addAll(Collection<? extends E> items) {
    Objects.requireNonNull(items, "items");
    if (equals(items)) {
      throw new IllegalArgumentException("cannot add a queue to itself");
    }
    boolean changed = false;
    for (E item : items) {
      changed |= add(item);
    }
    return changed;
  }

  @Override
  public E remove() {
    E head = poll();
    if (head == null) {
      throw new NoSuchElementException("the queue is empty");
    }
    return head;
  }

  @Override
  public E peek() {
    return item(callPromptly(frame(PEEK, 0)));
  }

  @Override
  public E element() {
    E head = peek();
    if (head == null) {
      throw new NoSuchElementException("the queue is empty");
    }
    return head;
  }

  @Override
  public int remainingCapacity() {
    return maxSize == 0 ? Integer.MAX_VALUE : Math.max(0, maxSize - size());
  }

  @Override
  public int drainTo(Collection<? super E> target) {
    return drainTo(target, Integer.MAX_VALUE);
  }

  @Override
  public int drainTo(Collection<? super E> target, int maxItems) {
    Objects.requireNonNull(target, "target");
    if (equals(target)) {
      throw new IllegalArgumentException("cannot drain a queue into itself");
    }
    int drained = 0;
    boolean emptied = false;
    while (drained < maxItems && !emptied) {
      Reply reply = callPromptly(frame(DRAIN, 4).writeInt(maxItems - drained));
      emptied = reply.readBoolean();
      int count = reply.readInt();
      for (int i = 0; i < count; i++) {
        target.add(decode(reply));
        drained++;
      }
    }
    return drained;
  }

  /** Takes every item away without reading them here. */
  @Override
  public void clear() {
    boolean emptied = false;
    while (!emptied) {
      emptied = callPromptly(frame(DRAIN, 4).writeInt(Integer.MAX_VALUE)).readBoolean();
    }
  }

  /** A copy of the items, in order, taken by one call. */
  private List<E> snapshot() {
    Reply reply = callPromptly(frame(SNAPSHOT, 0));
    int count = reply.readInt();
    List<E> copy = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      copy.add(decode(reply));
    }
    return copy;
  }

  @Override
  public Iterator<E> iterator() {
    Iterator<E> copy = snapshot().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return copy.hasNext();
      }

      @Override
      public E next() {
        return copy.next();
      }

      @Override
      public void remove() {
        throw new UnsupportedOperationException(
            "a shared queue's iterator walks a copy and cannot remove: take items with poll or"
                + " drainTo");
      }
    };
  }

  @Override
  public Object[] toArray() {
    return snapshot().toArray();
  }

  @Override
  public <T> T[] toArray(T[] array) {
    return snapshot().toArray(array);
  }

  @Override
  public boolean contains(Object item) {
    return item != null && snapshot().contains(item);
  }

  @Override
  public boolean containsAll(Collection<?> items) {
    return snapshot().containsAll(items);
  }

  @Override
  public boolean remove(Object item) {
    throw onlyAtTheHead("remove(Object)");
  }

  @Override
  public boolean removeAll(Collection<?> items) {
    throw onlyAtTheHead("removeAll");
  }

  @Override
  public boolean retainAll(Collection<?> items) {
    throw onlyAtTheHead("retainAll");
  }

  @Override
  public boolean removeIf(Predicate<? super E> filter) {
    throw onlyAtTheHead("removeIf");
  }

  private static UnsupportedOperationException onlyAtTheHead(String method) {
    return new UnsupportedOperationException(
        method
            + " is not supported by a shared queue: other processes use it at once, so it gives"
            + " items up only at its head. Take items with poll, take or drainTo.");
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[maxSize=" + maxSize + "]";
  }

  /** Travels as its id, whatever the serializer: a serializer must not copy it as a collection. */
  final Object writeReplace() {
    return new Reference(id, maxSize, this instanceof JoinableQueue);
  }

  /** What a queue proxy is serialized as. */
  private record Reference(long id, int maxSize, boolean joinable) implements Serializable {
    private Object readResolve() {
      return joinable ? new JoinableQueueProxy<>(id) : new QueueProxy<>(id, maxSize);
    }
  }
}
