package org.multiprocessing4j;

import java.time.Duration;

/**
 * A {@link Queue} that also counts unfinished items: Python's {@code JoinableQueue}. Each put adds
 * one; each {@link #taskDone()} removes one; {@link #join()} waits for zero.
 *
 * @param <E> the type of the items
 */
public interface JoinableQueue<E> extends Queue<E> {

  /**
   * Marks one item got earlier as processed: Python's {@code task_done()}.
   *
   * @throws IllegalStateException if called more times than items were put (Python's {@code
   *     ValueError("task_done() called too many times")}), or if the queue's {@link Manager} is
   *     closed or cannot be reached
   */
  void taskDone();

  /**
   * Waits until every item put has been marked done: Python's {@code join()}.
   *
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the queue's {@link Manager} is closed or cannot be reached
   */
  void join() throws InterruptedException;

  /**
   * Waits at most {@code timeout} until every item put has been marked done.
   *
   * @param timeout how long to wait at most
   * @return {@code true} if every item was done, {@code false} if the timeout passed first
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the queue's {@link Manager} is closed or cannot be reached
   */
  boolean join(Duration timeout) throws InterruptedException;
}
