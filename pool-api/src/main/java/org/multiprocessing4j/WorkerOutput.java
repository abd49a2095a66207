package org.multiprocessing4j;

/**
 * Receives each line a worker JVM writes to its standard error, which includes what tasks print
 * with {@code System.out} (a worker moves {@code System.out} to stderr, since its stdout may carry
 * frames). The default sends each line to the SLF4J logger {@code org.multiprocessing4j.worker} at
 * INFO level, prefixed with the worker's name and pid; or, when SLF4J found no provider and would
 * drop it, to this JVM's standard error with the same prefix.
 *
 * <p>Called from a thread that reads that worker's output; it must not block for long, or the
 * worker blocks when its stderr pipe fills.
 */
@FunctionalInterface
public interface WorkerOutput {

  /**
   * Handles one line of worker output.
   *
   * @param workerName the worker's name, for example {@code pool-1-worker-2}
   * @param pid the worker's process id
   * @param line the line, without its line terminator
   */
  void line(String workerName, long pid, String line);
}
