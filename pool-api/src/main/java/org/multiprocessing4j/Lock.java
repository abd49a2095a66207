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
 * <p>It is a {@link java.util.concurrent.locks.Lock}, so it can be handed to code that takes one
 * and knows nothing of this library: {@code lockInterruptibly} is {@link #acquire()}, {@code
 * tryLock} is {@link #tryAcquire()}, {@code tryLock(time, unit)} is {@link #tryAcquire(Duration)},
 * {@code lock} is {@code acquire} that keeps waiting when interrupted and restores the interrupt
 * status once it has the lock, and {@code unlock} is {@link #release()} but throws {@link
 * IllegalMonitorStateException} for a lock that is not held, as the JDK's locks do. It is held by a
 * process, not a thread, and is not re-entrant: a thread that takes it twice waits for itself
 * forever, and another thread (or process) may unlock it. {@code newCondition} throws {@link
 * UnsupportedOperationException}: a shared condition variable (Python's {@code
 * multiprocessing.Condition}) does not exist yet; signal between processes with an {@link Event} or
 * a {@link Queue}.
 *
 * <p>Every method except {@code newCondition} is one round trip to the manager's JVM (a local call
 * in that JVM); one that waits for the lock does so in the manager's JVM and costs no more trips.
 *
 * <p>Memory consistency effects: processes share no memory, so a holder sees what other processes
 * did only through shared objects, whose calls the manager's JVM performs in the order it receives
 * them: a call made before {@code unlock} is performed before the next holder's calls.
 *
 * <p>Implementations are thread-safe.
 */
public interface Lock extends java.util.concurrent.locks.Lock {

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
