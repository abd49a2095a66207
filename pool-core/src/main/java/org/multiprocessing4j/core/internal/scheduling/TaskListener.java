package org.multiprocessing4j.core.internal.scheduling;

import java.util.Arrays;

/** Receives the outcome of a {@link Task}, exactly once. */
public interface TaskListener {

  /**
   * Called once per task, from the thread that read its result (or that failed it); must not block
   * or run user code there.
   *
   * @param task the task
   * @param values one value per item ({@code null} where the item failed)
   * @param failures {@code null} when every item succeeded, else one entry per item, non-null where
   *     that item failed
   * @param origin where it ran, for messages, for example {@code "pool-1-worker-2 (pid 4242)"}
   */
  void completed(Task task, Object[] values, Throwable[] failures, String origin);

  /**
   * Called instead of {@link #completed} when the parent ends the task with one cause for all its
   * items, rather than a worker with its result: the worker died or never started, the task was
   * cancelled, or its result could not be read. Same rules as {@link #completed}.
   */
  default void failed(Task task, Throwable cause, String origin) {
    Throwable[] failures = new Throwable[task.itemCount];
    Arrays.fill(failures, cause);
    completed(task, new Object[task.itemCount], failures, origin);
  }
}
