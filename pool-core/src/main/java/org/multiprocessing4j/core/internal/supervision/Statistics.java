package org.multiprocessing4j.core.internal.supervision;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.multiprocessing4j.PoolStatistics;

/** The pool's counters; see {@link PoolStatistics} for what each one counts. */
final class Statistics {
  private static final int RECENT_CRASHES = 10;

  final AtomicLong tasksCompleted = new AtomicLong();
  final AtomicLong tasksFailed = new AtomicLong();
  final AtomicLong tasksRetried = new AtomicLong();
  final AtomicLong tasksTimedOut = new AtomicLong();
  final AtomicLong tasksCancelled = new AtomicLong();
  final AtomicLong workersStarted = new AtomicLong();
  final AtomicLong workersRetired = new AtomicLong();
  final AtomicLong workersCrashed = new AtomicLong();
  private final ArrayDeque<String> recentCrashes = new ArrayDeque<>();

  void crashed(String description) {
    workersCrashed.incrementAndGet();
    synchronized (recentCrashes) {
      if (recentCrashes.size() == RECENT_CRASHES) {
        recentCrashes.poll();
      }
      recentCrashes.add(description);
    }
  }

  PoolStatistics snapshot() {
    ArrayList<String> crashes;
    synchronized (recentCrashes) {
      crashes = new ArrayList<>(recentCrashes);
    }
    return new PoolStatistics(
        tasksCompleted.get(),
        tasksFailed.get(),
        tasksRetried.get(),
        tasksTimedOut.get(),
        tasksCancelled.get(),
        workersStarted.get(),
        workersRetired.get(),
        workersCrashed.get(),
        crashes);
  }
}
