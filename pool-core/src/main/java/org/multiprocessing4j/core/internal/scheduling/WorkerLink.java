package org.multiprocessing4j.core.internal.scheduling;

import java.io.IOException;

/** What the {@link Scheduler} needs of a connected worker. */
public interface WorkerLink {

  /** The worker's name and pid, for messages. */
  String origin();

  /**
   * Queues the task's frame for the worker; does not wait for the worker. A frame that cannot be
   * written later, after this returned, is handed back through {@link Scheduler#unsent}.
   *
   * @throws IOException if the frame cannot be written now: the worker is going away
   */
  void send(Task task) throws IOException;

  /**
   * Asks the worker to skip a task it holds but has not started: it answers that it skipped it
   * ({@link Scheduler#skipped}), or, if it had started it, with the task's result. Called only once
   * the task's own frame was sent.
   */
  void skip(Task task);

  /** Asks the worker to exit once it has sent every result; it has no task left. */
  void retire();

  /**
   * Kills the worker at once, for the reason given, which is what the caller of its running task
   * then reads instead of a guess from its exit status.
   */
  void kill(String reason);
}
