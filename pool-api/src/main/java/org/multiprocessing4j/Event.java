package org.multiprocessing4j;

import java.time.Duration;

/**
 * A flag shared by the parent and its child processes that processes can wait for: Python's {@code
 * multiprocessing.Event}. Create one with {@link Manager#event()}.
 *
 * <p>Implementations are thread-safe.
 */
public interface Event {

  /**
   * Sets the flag and wakes every waiter: Python's {@code set()}.
   *
   * @throws IllegalStateException if the event's {@link Manager} is closed or cannot be reached
   */
  void set();

  /**
   * Clears the flag: Python's {@code clear()}.
   *
   * @throws IllegalStateException if the event's {@link Manager} is closed or cannot be reached
   */
  void clear();

  /**
   * Returns whether the flag is set: Python's {@code is_set()}.
   *
   * @return {@code true} if set
   * @throws IllegalStateException if the event's {@link Manager} is closed or cannot be reached
   */
  boolean isSet();

  /**
   * Waits until the flag is set: Python's {@code wait()}.
   *
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the event's {@link Manager} is closed or cannot be reached
   */
  void await() throws InterruptedException;

  /**
   * Waits at most {@code timeout} until the flag is set: Python's {@code wait(timeout)}.
   *
   * @param timeout how long to wait at most
   * @return {@code true} if the flag is set, {@code false} if the timeout passed first
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the event's {@link Manager} is closed or cannot be reached
   */
  boolean await(Duration timeout) throws InterruptedException;
}
