package org.multiprocessing4j;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A task ran longer than its timeout, so its worker was killed and replaced: the task's failure
 * (the cause of the {@link java.util.concurrent.ExecutionException}). Other tasks go on. Unlike
 * {@link AsyncResult#get(Duration)}'s {@link TimeoutException}, which only stops waiting, this one
 * means the task was stopped.
 */
public class TaskTimeoutException extends TimeoutException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  /**
   * Creates the exception.
   *
   * @param message which task, which worker, how long
   * @param timeout the timeout the task exceeded
   */
  public TaskTimeoutException(String message, Duration timeout) {
    super(message);
    this.timeout = timeout;
  }

  /**
   * Returns the timeout the task exceeded.
   *
   * @return the task timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
