package org.multiprocessing4j.core.internal.supervision;

import java.net.ProtocolException;
import java.util.concurrent.CancellationException;
import org.multiprocessing4j.PoolStatistics;
import org.multiprocessing4j.TaskTimeoutException;
import org.multiprocessing4j.core.internal.scheduling.Task;

/**
 * The one place where a task completes or fails, and where the pool's statistics are counted: every
 * outcome a caller sees passes here exactly once, whoever decided it (a worker's result, a worker's
 * death, a cancel, a terminate, a broken pool).
 */
final class Outcomes {
  private final Statistics statistics = new Statistics();

  /**
   * A worker's result for {@code task}: one value per item, and the failures of the items that
   * threw.
   *
   * @param failedIndexes the items that failed, as the worker numbered them
   * @param failed what each of them threw
   * @throws ProtocolException if the result does not match the task's items; the task is failed
   *     with that exception first
   */
  void completed(Task task, Object[] values, int[] failedIndexes, Throwable[] failed, String origin)
      throws ProtocolException {
    Throwable[] byItem = failedIndexes.length == 0 ? null : new Throwable[task.itemCount];
    boolean consistent = values.length == task.itemCount;
    for (int i = 0; consistent && i < failedIndexes.length; i++) {
      consistent = failedIndexes[i] >= 0 && failedIndexes[i] < task.itemCount;
      if (consistent) {
        byItem[failedIndexes[i]] = failed[i];
      }
    }
    if (!consistent) {
      ProtocolException garbled =
          new ProtocolException("the result of " + task + " does not match its items");
      fail(task, garbled, origin);
      throw garbled;
    }
    (byItem == null ? statistics.tasksCompleted : statistics.tasksFailed).incrementAndGet();
    task.listener.completed(task, values, byItem, origin);
  }

  /** Ends {@code task} with one cause for all its items; a cancellation counts as cancelled. */
  void fail(Task task, Throwable cause, String origin) {
    if (cause instanceof CancellationException) {
      statistics.tasksCancelled.incrementAndGet();
    } else {
      statistics.tasksFailed.incrementAndGet();
      if (cause instanceof TaskTimeoutException) {
        statistics.tasksTimedOut.incrementAndGet();
      }
    }
    task.listener.failed(task, cause, origin);
  }

  /** A task was withdrawn before any worker took it; its caller already knows. */
  void withdrawn() {
    statistics.tasksCancelled.incrementAndGet();
  }

  void retried() {
    statistics.tasksRetried.incrementAndGet();
  }

  void workerStarted() {
    statistics.workersStarted.incrementAndGet();
  }

  void workerRetired() {
    statistics.workersRetired.incrementAndGet();
  }

  void workerCrashed(String description) {
    statistics.crashed(description);
  }

  PoolStatistics snapshot() {
    return statistics.snapshot();
  }
}
