package org.multiprocessing4j.core.internal.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskListener;

/**
 * Gathers the chunks of one {@code map} into a list in input order. Fails fast, as Python does: the
 * first failure to arrive fails the whole call, and the chunks no worker has taken yet are
 * withdrawn.
 */
final class MapJob<R> implements TaskListener {
  /** Withdraws a task no worker holds, or stops a running one; says whether it will not finish. */
  interface Canceller {
    boolean cancel(Task task, boolean mayInterrupt);
  }

  private final Object[] results;
  private final Canceller canceller;
  private PendingResult<List<R>> result;
  private List<Task> tasks = List.of();
  private int remaining;

  MapJob(int itemCount, Canceller canceller) {
    this.results = new Object[itemCount];
    this.canceller = canceller;
  }

  synchronized void start(PendingResult<List<R>> result, List<Task> tasks) {
    this.result = result;
    this.tasks = tasks;
    this.remaining = tasks.size();
  }

  @Override
  public synchronized void completed(
      Task task, Object[] values, Throwable[] failures, String origin) {
    if (result.isDone()) {
      return;
    }
    if (failures != null) {
      for (Throwable failure : failures) {
        if (failure != null) {
          result.fail(failure, origin);
          cancel(false);
          return;
        }
      }
    }
    System.arraycopy(values, 0, results, task.firstIndex, values.length);
    if (--remaining == 0) {
      @SuppressWarnings("unchecked")
      List<R> list = (List<R>) new ArrayList<>(Arrays.asList(results));
      result.complete(list);
    }
  }

  /**
   * Withdraws every chunk no worker holds and, if {@code mayInterrupt}, stops the running ones;
   * returns whether any chunk was withdrawn or stopped.
   */
  boolean cancel(boolean mayInterrupt) {
    List<Task> all;
    synchronized (this) {
      all = tasks;
    }
    boolean any = false;
    for (Task task : all) {
      any |= canceller.cancel(task, mayInterrupt);
    }
    return any;
  }
}
