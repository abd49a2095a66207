package org.multiprocessing4j.spi;

import java.time.Duration;

/**
 * A child JVM started for one {@link org.multiprocessing4j.Process}, as the {@link PoolFactory}
 * hands it back. Thread-safe.
 */
public interface RunningProcess {

  /**
   * Returns the child's process id. Never blocks.
   *
   * @return the pid
   */
  long pid();

  /**
   * Returns whether the child JVM has not exited yet. Never blocks.
   *
   * @return {@code true} while it runs
   */
  boolean isAlive();

  /**
   * Waits for the child JVM to exit.
   *
   * @param timeout how long to wait at most, or {@code null} for no limit
   * @return {@code true} if it has exited
   * @throws InterruptedException if interrupted while waiting
   */
  boolean join(Duration timeout) throws InterruptedException;

  /**
   * Returns the exit code in Python's terms, once the child JVM has exited: 0 if {@code run}
   * returned, 1 if it threw, {@code n} if it called {@code System.exit(n)}, {@code -N} if signal
   * {@code N} killed it. Never blocks.
   *
   * @return the exit code, or {@code null} while it runs
   */
  Integer exitCode();

  /**
   * Returns what {@code run} threw in the child, rebuilt here, once the child has exited. Never
   * blocks.
   *
   * @return the failure, or {@code null} if there was none or the child has not exited
   */
  Throwable failure();

  /** Asks the child JVM to stop (SIGTERM); returns at once. */
  void terminate();

  /** Kills the child JVM (SIGKILL); returns at once. */
  void kill();
}
