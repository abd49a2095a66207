package org.multiprocessing4j.core.internal.scheduling;

import java.io.IOException;

/** What the {@link Scheduler} needs of a connected worker. */
public interface WorkerLink {

  /** The worker's name and pid, for messages. */
  String origin();

  /** Queues the task's frame for the worker; does not wait for the worker. */
  void send(Task task) throws IOException;

  /**
   * Asks the worker to skip a task it holds but has not started: it answers that it skipped it
   * ({@link Scheduler#skipped}), or, if it had started it, with the task's result. Called only once
   * the task's own frame was sent.
   */
  void skip(Task task);

  /** Asks the worker to exit once it has sent every result; it has no task left. */
  void retire();
}
