package org.multiprocessing4j;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;

/**
 * A first-in, first-out queue shared by the parent and its child processes: Python's {@code
 * multiprocessing.Queue} (and {@code Manager().Queue()}). Create one with {@link Manager#queue()},
 * then pass it to a {@link Process} or a {@link Pool} task like any other argument; every copy, in
 * any of those processes, is the same queue.
 *
 * <p>Items are serialized when put and deserialized when got, so a getter receives a copy and a
 * later change to the put object is not seen. Items from one thread of one process are got in the
 * order they were put. {@code null} is not an item: {@link #poll()} uses it for "empty".
 *
 * <p>In a child process, {@code put} on an unbounded queue does not wait for the parent: the item
 * is on its way, in order with everything else the child sends, when {@code put} returns. A pool
 * task's result is sent after the items it put, so when {@link AsyncResult#get()} returns they are
 * in the queue. Such a put cannot hear that the {@link Manager} was closed meanwhile: its item is
 * dropped with the queue, and the child's next call that waits for an answer throws. A bounded
 * queue's {@code put} waits for room, a round trip to the parent.
 *
 * <p>It is a {@link BlockingQueue}, so it can be handed to code that takes one and knows nothing of
 * this library. Each method is one round trip to the manager's JVM (a local call in that JVM),
 * except where said:
 *
 * <ul>
 *   <li>{@code put}, {@code offer} and {@code add} on an unbounded queue in a child are one-way, as
 *       above; {@code take} is {@link #get()}; {@code offer(e, time, unit)} and {@code poll(time,
 *       unit)} are {@link #offer(Object, Duration)} and {@link #poll(Duration)}; {@code add} throws
 *       {@link IllegalStateException} when a bounded queue is full, {@code remove()} and {@code
 *       element()} throw {@link java.util.NoSuchElementException} when it is empty, as {@link
 *       java.util.AbstractQueue}'s do; {@code peek} looks at the head without taking it.
 *   <li>{@code remainingCapacity} is {@link Integer#MAX_VALUE} for an unbounded queue, without a
 *       call; else {@code maxSize() - size()}, one call, and as stale as {@code size}.
 *   <li>{@code drainTo} and {@code clear} take items in batches of up to about a megabyte each, one
 *       call per batch; each batch is atomic, the whole is not: items put meanwhile may or may not
 *       be taken. Taken items leave the queue as with {@link #get()} (a {@link JoinableQueue} still
 *       counts them until {@link JoinableQueue#taskDone()}). If adding to the target collection
 *       throws, the rest of that batch is lost with it, as {@link BlockingQueue#drainTo} allows.
 *   <li>{@code iterator}, {@code toArray}, {@code contains}, {@code containsAll}, {@code stream}
 *       and {@code forEach} work on a snapshot of the items, copied in one call: weakly consistent,
 *       as {@link java.util.concurrent.LinkedBlockingQueue}'s iterator is, and the iterator cannot
 *       remove. {@code contains} compares with {@code equals} here, on copies.
 *   <li>{@code remove(Object)}, {@code removeAll}, {@code retainAll} and {@code removeIf} throw
 *       {@link UnsupportedOperationException}: a queue that other processes use at once gives items
 *       up only at its head.
 *   <li>{@code addAll} is one {@code add} per item. {@code equals} and {@code hashCode} are those
 *       of the queue's identity (every copy of it is equal), as for {@code LinkedBlockingQueue}.
 * </ul>
 *
 * <p>Implementations are thread-safe.
 *
 * @param <E> the type of the items
 */
public interface Queue<E> extends BlockingQueue<E> {

  /**
   * Adds {@code item}, waiting while the queue is full: Python's {@code put(item)}.
   *
   * @param item the item
   * @throws InterruptedException if interrupted while waiting for room; the item was not added
   * @throws NullPointerException if {@code item} is null
   * @throws SerializationException if {@code item} cannot be serialized
   * @throws IllegalStateException if the queue's {@link Manager} is closed or cannot be reached
   */
  @Override
  void put(E item) throws InterruptedException;

  /**
   * Adds {@code item} if there is room now: Python's {@code put_nowait(item)}, returning {@code
   * false} where Python raises {@code queue.Full}. Blocks only for the round trip to the parent.
   *
   * @param item the item
   * @return {@code true} if added, {@code false} if the queue is full
   * @throws NullPointerException if {@code item} is null
   * @throws SerializationException if {@code item} cannot be serialized
   * @throws IllegalStateException if the queue's {@link Manager} is closed or cannot be reached
   */
  @Override
  boolean offer(E item);

  /**
   * Adds {@code item}, waiting at most {@code timeout} for room: Python's {@code put(item,
   * timeout=t)}, returning {@code false} where Python raises {@code queue.Full}.
   *
   * @param item the item
   * @param timeout how long to wait for room at most
   * @return {@code true} if added, {@code false} if the timeout passed first
   * @throws InterruptedException if interrupted while waiting; the item was not added
   * @throws NullPointerException if {@code item} or {@code timeout} is null
   * @throws SerializationException if {@code item} cannot be serialized
   * @throws IllegalStateException if the queue's {@link Manager} is closed or cannot be reached
   */
  boolean offer(E item, Duration timeout) throws InterruptedException;

  /**
   * Removes and returns the head, waiting while the queue is empty: Python's {@code get()}.
   *
   * @return the head
   * @throws InterruptedException if interrupted while waiting; no item was taken
   * @throws SerializationException if the item cannot be deserialized here (it stays taken)
   * @throws IllegalStateException if the queue's {@link Manager} is closed or cannot be reached
   */
  E get() throws InterruptedException;

  /**
   * Removes and returns the head if there is one now: Python's {@code get_nowait()}, returning
   * {@code null} where Python raises {@code queue.Empty}.
   *
   * @return the head, or {@code null} if the queue is empty
   * @throws SerializationException if the item cannot be deserialized here
   * @throws IllegalStateException if the queue's {@link Manager} is closed or cannot be reached
   */
  @Override
  E poll();

  /**
   * Removes and returns the head, waiting at most {@code timeout} for one: Python's {@code
   * get(timeout=t)}, returning {@code null} where Python raises {@code queue.Empty}.
   *
   * @param timeout how long to wait at most
   * @return the head, or {@code null} if the timeout passed first
   * @throws InterruptedException if interrupted while waiting; no item was taken
   * @throws NullPointerException if {@code timeout} is null
   * @throws SerializationException if the item cannot be deserialized here
   * @throws IllegalStateException if the queue's {@link Manager} is closed or cannot be reached
   */
  E poll(Duration timeout) throws InterruptedException;

  /**
   * Returns how many items the queue holds now: Python's {@code qsize()}. Exact at the moment the
   * parent answers; other processes may change it at once.
   *
   * @return the number of items
   * @throws IllegalStateException if the queue's {@link Manager} is closed or cannot be reached
   */
  @Override
  int size();

  /**
   * Returns whether the queue holds no items now: Python's {@code empty()}.
   *
   * @return {@code true} if empty
   * @throws IllegalStateException if the queue's {@link Manager} is closed or cannot be reached
   */
  @Override
  boolean isEmpty();

  /**
   * Returns whether the queue is bounded and holds {@link #maxSize()} items now: Python's {@code
   * full()}.
   *
   * @return {@code true} if full
   * @throws IllegalStateException if the queue's {@link Manager} is closed or cannot be reached
   */
  boolean isFull();

  /**
   * Returns the bound given at creation: Python's {@code maxsize}. Never blocks.
   *
   * @return the most items the queue holds, or 0 for unbounded
   */
  int maxSize();
}
