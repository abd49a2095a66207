package org.multiprocessing4j;

import java.time.Duration;

/**
 * A lock shared by the parent and its child processes: Python's {@code multiprocessing.Lock} (and
 * {@code Manager().Lock()}). Create one with {@link Manager#lock()} and pass it like any other
 * argument.
 *
 * <p>As in Python, the lock is not re-entrant and any process may release it. Unlike Python, a lock
 * held by a process that exits or dies is released, with a warning in the log, so a crashed holder
 * cannot deadlock the others.
 *
 * <p>Implementations are thread-safe.
 */
public interface Lock {

  /**
   * Takes the lock, waiting while another holds it: Python's {@code acquire()}.
   *
   * @throws InterruptedException if interrupted while waiting; the lock was not taken
   * @throws IllegalStateException if the lock's {@link Manager} is closed or cannot be reached
   */
  void acquire() throws InterruptedException;

  /**
   * Takes the lock if it is free now: Python's {@code acquire(block=False)}.
   *
   * @return {@code true} if taken
   * @throws IllegalStateException if the lock's {@link Manager} is closed or cannot be reached
   */
  boolean tryAcquire();

  /**
   * Takes the lock, waiting at most {@code timeout}: Python's {@code acquire(timeout=t)}.
   *
   * @param timeout how long to wait at most
   * @return {@code true} if taken, {@code false} if the timeout passed first
   * @throws InterruptedException if interrupted while waiting; the lock was not taken
   * @throws IllegalStateException if the lock's {@link Manager} is closed or cannot be reached
   */
  boolean tryAcquire(Duration timeout) throws InterruptedException;

  /**
   * Releases the lock: Python's {@code release()}.
   *
   * @throws IllegalStateException if the lock is not held (Python's {@code ValueError("semaphore or
   *     lock released too many times")}), or the lock's {@link Manager} is closed or cannot be
   *     reached
   */
  void release();

  /**
   * Returns whether some process holds the lock now: Python's {@code locked()}.
   *
   * @return {@code true} if held
   * @throws IllegalStateException if the lock's {@link Manager} is closed or cannot be reached
   */
  boolean isLocked();
}
