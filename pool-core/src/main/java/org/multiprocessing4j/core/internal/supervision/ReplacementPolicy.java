package org.multiprocessing4j.core.internal.supervision;

import org.multiprocessing4j.BrokenPoolException;

/** What a supervisor does when a worker is lost. */
public enum ReplacementPolicy {
  /**
   * A pool's: a lost worker is replaced while the pool has work, until more die in a window than
   * the pool allows; a broken pool says so in the log.
   */
  REPLACE {
    @Override
    BrokenPoolException endsWith(String description) {
      return null;
    }
  },

  /**
   * A process's one worker: never replaced. Its loss ends everything, with a cause naming the
   * process; the process reports its own failure, so nothing is logged.
   */
  NEVER {
    @Override
    BrokenPoolException endsWith(String description) {
      return new BrokenPoolException("Process " + description, null);
    }
  };

  /**
   * What a lost worker ends, given how it was lost.
   *
   * @return the cause to break the pool with, or {@code null} if the worker is simply replaced
   */
  abstract BrokenPoolException endsWith(String description);

  /** Whether a broken pool is logged: a process's failure is its caller's to report. */
  boolean logsBrokenPool() {
    return this == REPLACE;
  }
}
