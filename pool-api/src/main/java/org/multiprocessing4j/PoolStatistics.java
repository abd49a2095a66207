package org.multiprocessing4j;

import java.util.List;

/**
 * What a pool has done so far: a snapshot, consistent per counter. A task is what a worker runs at
 * once: one {@code apply}, or one chunk of a {@code map}.
 *
 * @param tasksCompleted tasks whose every item returned a value
 * @param tasksFailed tasks with at least one failed item, or failed as a whole (worker death,
 *     timeout, broken pool)
 * @param tasksRetried times a task was sent again after its worker died
 * @param tasksTimedOut tasks stopped for exceeding their timeout
 * @param tasksCancelled tasks cancelled before they completed, including by {@code terminate()}
 * @param workersStarted worker JVMs started
 * @param workersRetired workers that exited on request ({@code maxTasksPerChild} or shutdown)
 * @param workersCrashed workers that died unexpectedly, or were killed for a timeout or a cancel
 * @param recentCrashes the latest crash descriptions, oldest first, at most ten
 */
public record PoolStatistics(
    long tasksCompleted,
    long tasksFailed,
    long tasksRetried,
    long tasksTimedOut,
    long tasksCancelled,
    long workersStarted,
    long workersRetired,
    long workersCrashed,
    List<String> recentCrashes) {

  /** Copies {@code recentCrashes} so that the record is immutable. */
  public PoolStatistics {
    recentCrashes = List.copyOf(recentCrashes);
  }
}
