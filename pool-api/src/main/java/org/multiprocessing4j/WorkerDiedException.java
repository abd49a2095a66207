package org.multiprocessing4j;

import java.util.Optional;

/**
 * A worker JVM died while it held a task: the task's failure. Only the tasks that worker held fail
 * this way; the pool starts a replacement worker and every other task goes on.
 */
public class WorkerDiedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String workerName;
  private final long pid;
  private final Integer exitCode;
  private final String signal;

  /**
   * Creates the exception.
   *
   * @param message what happened, in plain words, with a hint at the usual cause
   * @param workerName the worker's name, for example {@code pool-1-worker-2}
   * @param pid the worker's process id
   * @param exitCode the worker's exit code, or {@code null} if it is not known
   * @param signal the name of the signal that killed the worker (for example {@code SIGKILL}), or
   *     {@code null} if it was not killed by a signal or this is not known
   */
  public WorkerDiedException(
      String message, String workerName, long pid, Integer exitCode, String signal) {
    super(message);
    this.workerName = workerName;
    this.pid = pid;
    this.exitCode = exitCode;
    this.signal = signal;
  }

  /**
   * Returns the name of the worker that died.
   *
   * @return the worker's name
   */
  public String workerName() {
    return workerName;
  }

  /**
   * Returns the process id of the worker that died.
   *
   * @return the pid
   */
  public long pid() {
    return pid;
  }

  /**
   * Returns the worker's exit code, as the operating system reported it (128 + n when killed by
   * signal n).
   *
   * @return the exit code, or empty if it is not known
   */
  public Optional<Integer> exitCode() {
    return Optional.ofNullable(exitCode);
  }

  /**
   * Returns the signal that killed the worker.
   *
   * @return the signal's name, for example {@code SIGKILL}, or empty if none is known
   */
  public Optional<String> signal() {
    return Optional.ofNullable(signal);
  }
}
