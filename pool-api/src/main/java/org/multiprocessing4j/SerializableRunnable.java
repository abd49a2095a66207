package org.multiprocessing4j;

import java.io.Serializable;

/**
 * A task without arguments and without a result that runs in a worker JVM, such as a pool's
 * initializer. It may throw any exception; the exception is reported to the parent.
 *
 * <p>See {@link SerializableCallable} for what may be captured.
 */
@FunctionalInterface
public interface SerializableRunnable extends Serializable {
  /**
   * Runs the task.
   *
   * @throws Exception if the task fails
   */
  void run() throws Exception;
}
