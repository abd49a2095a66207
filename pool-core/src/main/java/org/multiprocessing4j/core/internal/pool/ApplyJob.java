package org.multiprocessing4j.core.internal.pool;

import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskListener;

/** Delivers the one value of an {@code apply} task to its result. */
final class ApplyJob<R> implements TaskListener {
  private PendingResult<R> result;

  void start(PendingResult<R> result) {
    this.result = result;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void completed(Task task, Object[] values, Throwable[] failures, String origin) {
    if (failures != null && failures[0] != null) {
      result.fail(failures[0], origin);
    } else {
      result.complete((R) values[0]);
    }
  }
}
