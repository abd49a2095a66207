package org.multiprocessing4j.core.internal.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.BrokenPoolException;
import org.multiprocessing4j.Process;
import org.multiprocessing4j.SerializableRunnable;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.core.internal.launch.ExitStatus;
import org.multiprocessing4j.core.internal.launch.LaunchedWorker;
import org.multiprocessing4j.core.internal.launch.LogOrStderr;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskListener;
import org.multiprocessing4j.core.internal.scheduling.TaskPolicy;
import org.multiprocessing4j.core.internal.supervision.ReplacementPolicy;
import org.multiprocessing4j.core.internal.supervision.Supervisor;
import org.multiprocessing4j.spi.PoolSpec;
import org.multiprocessing4j.spi.RunningProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of one {@link Process}: a {@link Supervisor} of one worker, named as the process,
 * whose only task is the process object itself, never retried. The worker retires once the task has
 * ended, so its JVM exits.
 *
 * <p>The exit code is Python's: 0 if {@code run} returned, 1 if it threw (its failure, rebuilt
 * here, is logged with the remote stack trace, as Python prints the traceback), {@code n} after
 * {@code System.exit(n)}, {@code -n} after signal {@code n}. Java reports a JVM killed by signal
 * {@code n} as exit code {@code 128 + n}, so a child that calls {@code System.exit(128 + n)} reads
 * as killed too. A child that never ran its task (its JVM rejected an option, say) ends with a
 * non-zero code and a failure that says why. Both are known only once the JVM has exited and the
 * task's end has been heard, in either order.
 */
public final class ChildProcess implements RunningProcess {
  private static final Logger log = LoggerFactory.getLogger(Process.class);
  private static final TaskPolicy RUN_ONCE = new TaskPolicy(null, 0);

  private final String name;
  private final LaunchedWorker jvm;
  private final CountDownLatch exited = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile Integer exitCode;
  private volatile Throwable failure;

  private ChildProcess(String name, LaunchedWorker jvm) {
    this.name = name;
    this.jvm = jvm;
  }

  /**
   * Serializes {@code process} and starts its JVM; returns once the JVM exists.
   *
   * @throws SerializationException if {@code process} cannot be serialized; nothing is started
   * @throws UncheckedIOException if the JVM cannot be started
   */
  static ChildProcess start(PoolSpec spec, SerializableRunnable process, boolean daemon) {
    Engine engine = Engine.build(spec, ReplacementPolicy.NEVER);
    Supervisor supervisor = engine.supervisor();
    Outcome outcome = new Outcome();
    Task task;
    try {
      task = engine.encoder().encode(process, new Object[] {null}, 0, outcome, RUN_ONCE);
    } catch (RuntimeException e) {
      supervisor.shutdown();
      throw e instanceof SerializationException ? explain(spec.name(), e) : e;
    }
    LaunchedWorker jvm;
    try {
      jvm = supervisor.startProcess(task);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start process " + spec.name() + " with " + spec.javaExecutable() + ": " + e, e);
    }
    ChildProcess child = new ChildProcess(spec.name(), jvm);
    jvm.process()
        .onExit()
        .thenCombine(outcome.ending, (ignored, ending) -> ending)
        .thenAccept(child::finish);
    if (!daemon) {
      // Python joins its non-daemon children at exit: this thread keeps the JVM until the child
      // has exited. A thread inherits daemon status, so it is set explicitly.
      Thread keeper = new Thread(child::awaitExit, spec.name() + "-non-daemon");
      keeper.setDaemon(false);
      keeper.start();
    }
    return child;
  }

  @Override
  public long pid() {
    return jvm.pid();
  }

  @Override
  public boolean isAlive() {
    return exited.getCount() > 0;
  }

  @Override
  public boolean join(Duration timeout) throws InterruptedException {
    if (timeout == null) {
      exited.await();
      return true;
    }
    return exited.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public Integer exitCode() {
    return exitCode;
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  @Override
  public void terminate() {
    stop(false);
  }

  @Override
  public void kill() {
    stop(true);
  }

  /**
   * Signals the JVM through its handle: {@link java.lang.Process#destroy} would also close the
   * streams that carry its last output lines, and its frames on the pipe transport.
   */
  private void stop(boolean forcibly) {
    ProcessHandle handle = jvm.process().toHandle();
    if (handle.isAlive()) {
      stopRequested = true;
      if (forcibly) {
        handle.destroyForcibly();
      } else {
        handle.destroy();
      }
    }
  }

  private void finish(Ending ending) {
    try {
      int code = new ExitStatus(jvm.process().exitValue(), jvm.pid()).pythonExitCode();
      Throwable cause = ending.thrown() != null || stopRequested ? ending.thrown() : ending.why();
      if (cause != null && code == 0) {
        code = 1;
      }
      failure = cause;
      exitCode = code;
      if (ending.thrown() != null) {
        LogOrStderr.warn(
            log,
            "Process "
                + name
                + " (pid "
                + jvm.pid()
                + ") exited with code "
                + code
                + ": its run() threw",
            ending.thrown());
      } else if (cause != null) {
        LogOrStderr.warn(log, cause.getMessage() + "; exit code " + code, null);
      }
    } finally {
      exited.countDown();
    }
  }

  private void awaitExit() {
    while (true) {
      try {
        exited.await();
        return;
      } catch (InterruptedException e) {
        // Still the JVM must not exit before the child: wait on.
      }
    }
  }

  private static SerializationException explain(String name, RuntimeException failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    return new SerializationException(
        "Cannot start process "
            + name
            + ": it cannot be serialized for its child JVM: "
            + cause.getMessage()
            + ". Everything its target captures, or a subclass's fields hold, must be"
            + " serializable; mark fields that cannot cross processes transient.",
        failure);
  }

  /**
   * How the child's task ended, as heard here.
   *
   * @param thrown what {@code run} threw, as the child reported it, or {@code null}
   * @param why why the task never reached the child, or {@code null}
   */
  private record Ending(Throwable thrown, BrokenPoolException why) {}

  /** Hears how the task ended: reported by the child, or decided by the supervisor. */
  private static final class Outcome implements TaskListener {
    final CompletableFuture<Ending> ending = new CompletableFuture<>();

    @Override
    public void completed(Task task, Object[] values, Throwable[] failures, String origin) {
      ending.complete(new Ending(failures == null ? null : failures[0], null));
    }

    /**
     * The child died while running its task, and its exit code says how; or it never ran it, and
     * the supervisor's {@link BrokenPoolException} says why; or this JVM is exiting.
     */
    @Override
    public void failed(Task task, Throwable cause, String origin) {
      ending.complete(
          new Ending(null, cause instanceof BrokenPoolException broken ? broken : null));
    }
  }
}
