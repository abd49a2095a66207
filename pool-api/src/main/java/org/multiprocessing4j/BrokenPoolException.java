package org.multiprocessing4j;

/**
 * The pool cannot run tasks: its workers cannot start (for example the initializer throws, or the
 * worker JVM rejects its options). Tasks waiting in the pool fail with this exception as their
 * cause, and later submissions throw it. The {@link #getCause() cause} is the underlying failure.
 */
public class BrokenPoolException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the pool is broken
   * @param cause the underlying failure, or {@code null}
   */
  public BrokenPoolException(String message, Throwable cause) {
    super(message, cause);
  }
}
