package org.multiprocessing4j.core.internal;

import java.util.Arrays;

/** Receives the outcome of a {@link Task}, exactly once. */
interface TaskListener {

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

  /** Fails every item of {@code task} with the same cause. */
  static void failAll(Task task, Throwable cause, String origin) {
    Throwable[] failures = new Throwable[task.itemCount];
    Arrays.fill(failures, cause);
    task.listener.completed(task, new Object[task.itemCount], failures, origin);
  }
}
