package org.multiprocessing4j;

/**
 * Who is running this code: Python's {@code current_process()}. In a worker JVM the name is the
 * worker's, for example {@code pool-1-worker-2}; elsewhere it is {@code MainProcess}, as in Python.
 */
public final class CurrentProcess {
  private static final String WORKER_NAME_PROPERTY = "multiprocessing4j.worker.name";

  private CurrentProcess() {}

  /**
   * Returns this process's name.
   *
   * @return the worker's name in a worker, else {@code "MainProcess"}
   */
  public static String name() {
    return System.getProperty(WORKER_NAME_PROPERTY, "MainProcess");
  }

  /**
   * Returns whether this JVM is a pool worker.
   *
   * @return {@code true} in a worker JVM
   */
  public static boolean isWorker() {
    return System.getProperty(WORKER_NAME_PROPERTY) != null;
  }

  /**
   * Returns this process's id: Python's {@code os.getpid()}.
   *
   * @return the pid
   */
  public static long pid() {
    return ProcessHandle.current().pid();
  }
}
