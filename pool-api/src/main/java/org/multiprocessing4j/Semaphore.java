package org.multiprocessing4j;

import java.time.Duration;

/**
 * A counting semaphore shared by the parent and its child processes: Python's {@code
 * multiprocessing.Semaphore} and {@code BoundedSemaphore}. Create one with {@link
 * Manager#semaphore(int)} or {@link Manager#boundedSemaphore(int)}.
 *
 * <p>Permits taken by a process that exits or dies stay taken, as in Python: a semaphore counts, it
 * does not own.
 *
 * <p>Implementations are thread-safe.
 */
public interface Semaphore {

  /**
   * Takes a permit, waiting while there is none: Python's {@code acquire()}.
   *
   * @throws InterruptedException if interrupted while waiting; no permit was taken
   * @throws IllegalStateException if the semaphore's {@link Manager} is closed or cannot be reached
   */
  void acquire() throws InterruptedException;

  /**
   * Takes a permit if one is free now: Python's {@code acquire(block=False)}.
   *
   * @return {@code true} if taken
   * @throws IllegalStateException if the semaphore's {@link Manager} is closed or cannot be reached
   */
  boolean tryAcquire();

  /**
   * Takes a permit, waiting at most {@code timeout}: Python's {@code acquire(timeout=t)}.
   *
   * @param timeout how long to wait at most
   * @return {@code true} if taken, {@code false} if the timeout passed first
   * @throws InterruptedException if interrupted while waiting; no permit was taken
   * @throws IllegalStateException if the semaphore's {@link Manager} is closed or cannot be reached
   */
  boolean tryAcquire(Duration timeout) throws InterruptedException;

  /**
   * Returns a permit: Python's {@code release()}.
   *
   * @throws IllegalStateException if the semaphore is bounded and every permit is already free
   *     (Python's {@code ValueError("semaphore or lock released too many times")}), or the
   *     semaphore's {@link Manager} is closed or cannot be reached
   */
  void release();

  /**
   * Returns how many permits are free now: Python's {@code get_value()}.
   *
   * @return the free permits
   * @throws IllegalStateException if the semaphore's {@link Manager} is closed or cannot be reached
   */
  int availablePermits();
}
