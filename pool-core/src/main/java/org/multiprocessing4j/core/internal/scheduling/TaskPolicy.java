package org.multiprocessing4j.core.internal.scheduling;

import java.time.Duration;

/**
 * How the tasks of one call are run: a timeout (or none) and a number of retries after worker
 * deaths. A pool's views share its workers and differ only in this.
 */
public record TaskPolicy(Duration timeout, int retries) {

  public long timeoutNanos() {
    return timeout == null ? 0 : timeout.toNanos();
  }

  public TaskPolicy withTimeout(Duration newTimeout) {
    return new TaskPolicy(newTimeout, retries);
  }

  public TaskPolicy withRetries(int newRetries) {
    return new TaskPolicy(timeout, newRetries);
  }
}
