package org.multiprocessing4j.core.internal.launch;

import java.io.PrintStream;
import org.multiprocessing4j.WorkerOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Where what children say, and how they failed, is reported: the log, or this JVM's stderr when
 * SLF4J found no provider and fell back to dropping everything, which is what a newcomer with only
 * the pool's artifacts has. A task's output and a process's exception must never vanish silently,
 * as they never do in Python. Choosing {@code slf4j-nop} is choosing silence, and is respected.
 */
public final class LogOrStderr {
  private static final String DELIBERATE_NOP = "org.slf4j.nop.NOPServiceProvider";

  private LogOrStderr() {}

  /** The default receiver of worker output lines: {@code log} at INFO, or stderr. */
  public static WorkerOutput workerOutput(Logger log) {
    if (Fallback.STDERR) {
      return (worker, pid, line) -> System.err.println("[" + worker + " pid " + pid + "] " + line);
    }
    return (worker, pid, line) -> log.info("[{} pid {}] {}", worker, pid, line);
  }

  /** Warns with {@code thrown}'s stack trace, to {@code log} or stderr. */
  public static void warn(Logger log, String message, Throwable thrown) {
    if (!Fallback.STDERR) {
      log.warn(message, thrown);
      return;
    }
    PrintStream err = System.err;
    synchronized (err) {
      err.println(message);
      if (thrown != null) {
        thrown.printStackTrace(err);
      }
    }
  }

  /** Decided once SLF4J has initialized, which the pool's own loggers have done by then. */
  private static final class Fallback {
    static final boolean STDERR = noProvider();

    private static boolean noProvider() {
      if (!(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory)) {
        return false;
      }
      try {
        Class.forName(DELIBERATE_NOP, false, LoggerFactory.class.getClassLoader());
        return false;
      } catch (ClassNotFoundException | LinkageError none) {
        return true;
      }
    }
  }
}
