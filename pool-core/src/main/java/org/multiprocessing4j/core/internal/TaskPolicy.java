package org.multiprocessing4j.core.internal;

import java.time.Duration;

/**
 * How the tasks of one call are run: a timeout (or none) and a number of retries after worker
 * deaths. A pool's views share its workers and differ only in this.
 */
record TaskPolicy(Duration timeout, int retries) {

  long timeoutNanos() {
    return timeout == null ? 0 : timeout.toNanos();
  }

  TaskPolicy withTimeout(Duration newTimeout) {
    return new TaskPolicy(newTimeout, retries);
  }

  TaskPolicy withRetries(int newRetries) {
    return new TaskPolicy(timeout, newRetries);
  }
}
