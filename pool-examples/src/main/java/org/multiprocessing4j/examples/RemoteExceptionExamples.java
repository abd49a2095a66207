package org.multiprocessing4j.examples;

import java.util.concurrent.ExecutionException;
import org.multiprocessing4j.Pool;

/**
 * A task's exception crossing back from its worker JVM whole: Python's remote exception with its
 * {@code RemoteTraceback}, here the exception itself with its type, message and the worker's stack.
 */
public final class RemoteExceptionExamples {
  private RemoteExceptionExamples() {}

  static int parse(String text) {
    return Integer.parseInt(text);
  }

  /** {@code pool.apply(int, ("forty-two",))}: the worker's NumberFormatException, in this JVM. */
  static void remoteException() throws InterruptedException {
    try (Pool pool = Pool.create(2)) {
      pool.apply(RemoteExceptionExamples::parse, "forty-two");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      System.out.println("A task failed in a worker, and came back whole: " + cause);
      for (StackTraceElement frame : cause.getStackTrace()) {
        System.out.println("\tat " + frame);
      }
    }
  }
}
