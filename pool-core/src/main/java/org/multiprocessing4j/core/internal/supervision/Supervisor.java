package org.multiprocessing4j.core.internal.supervision;

import java.io.IOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.multiprocessing4j.BrokenPoolException;
import org.multiprocessing4j.PoolStatistics;
import org.multiprocessing4j.TaskTimeoutException;
import org.multiprocessing4j.WorkerDiedException;
import org.multiprocessing4j.WorkerOutput;
import org.multiprocessing4j.core.internal.launch.ExitStatus;
import org.multiprocessing4j.core.internal.launch.LaunchedWorker;
import org.multiprocessing4j.core.internal.launch.LogOrStderr;
import org.multiprocessing4j.core.internal.scheduling.PoolLifecycle;
import org.multiprocessing4j.core.internal.scheduling.Scheduler;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.spi.PoolSpec;
import org.multiprocessing4j.spi.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a pool's workers: hears how they start and end, decides what a lost worker costs (the task
 * it ran is retried or failed, the worker replaced or not, the pool broken if too many die), kills
 * those whose task timed out or was cancelled, and shuts everything down. Starting and connecting
 * workers is {@link WorkerStarter}'s job, decisions about tasks are the {@link Scheduler}'s, and
 * every outcome a caller sees goes through {@link Outcomes}. Shared by a pool and all its views.
 */
public final class Supervisor implements PoolLifecycle, ParentWorker.Events {
  private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
  private static final Logger workerLog = LoggerFactory.getLogger("org.multiprocessing4j.worker");
  private static final long TIMEOUT_CHECK_MILLIS = 10;
  private static final long ASK_MILLIS = 300;
  private static final long TERM_MILLIS = 1_000;
  private static final long KILL_MILLIS = 5_000;

  private final PoolSpec spec;
  private final ReplacementPolicy replacement;
  private final Scheduler scheduler;
  private final Outcomes outcomes = new Outcomes();
  private final WorkerStarter starter;
  private final ScheduledThreadPoolExecutor watchdog;
  private final DeathRateLimit deathRate;
  private final List<Runnable> whenAllExited = new CopyOnWriteArrayList<>();
  private final AtomicBoolean brokenReported = new AtomicBoolean();
  private final AtomicBoolean watching = new AtomicBoolean();
  private final CountDownLatch exited = new CountDownLatch(1);
  private final Thread shutdownHook;
  private volatile boolean terminating;

  /**
   * A supervisor whose workers use {@code serializer} and first run the initializer frame.
   *
   * @param replacement {@link ReplacementPolicy#REPLACE} for a pool, {@link
   *     ReplacementPolicy#NEVER} for a process's one worker (see {@link #startProcess})
   * @throws java.io.UncheckedIOException if the transport cannot start
   */
  public Supervisor(
      PoolSpec spec,
      Serializer serializer,
      byte[] initFrame,
      int initLength,
      ReplacementPolicy replacement) {
    this.spec = spec;
    this.replacement = replacement;
    WorkerOutput workerOutput =
        spec.workerOutput() != null ? spec.workerOutput() : LogOrStderr.workerOutput(workerLog);
    this.starter = new WorkerStarter(spec, serializer, initFrame, initLength, workerOutput, this);
    this.scheduler = new Scheduler(spec.processes(), spec.maxTasksPerChild(), this);
    this.watchdog =
        new ScheduledThreadPoolExecutor(1, Threads.daemonFactory(spec.name() + "-watchdog"));
    this.watchdog.setRemoveOnCancelPolicy(true);
    this.deathRate = new DeathRateLimit(spec.maxWorkerDeaths(), spec.workerDeathWindow());
    // Workers exit on their own when this JVM dies; on an orderly exit, stop them promptly too.
    this.shutdownHook = new Thread(this::terminate, spec.name() + "-shutdown");
  }

  /** Starts the pool's workers in the background. */
  public void start() {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    scheduler.start();
  }

  /**
   * Starts a process's one worker to run {@code task}: launched on this thread, so that its pid is
   * known on return, and connected in the background. It runs nothing else and retires once the
   * task has ended.
   *
   * @return the worker's JVM
   * @throws IOException if the JVM cannot be started; nothing is left running then
   */
  public LaunchedWorker startProcess(Task task) throws IOException {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    ParentWorker worker;
    try {
      worker = starter.launch(spec.name());
    } catch (IOException | RuntimeException e) {
      shutdown();
      throw e;
    }
    outcomes.workerStarted();
    scheduler.workerLaunched();
    scheduler.submit(List.of(task));
    scheduler.shutdown();
    starter.inBackground(() -> connect(worker));
    return worker.process();
  }

  /**
   * Queues tasks; starts the timeout watchdog the first time a task has a timeout.
   *
   * @throws IllegalStateException if the pool is shut down
   * @throws BrokenPoolException if the pool is broken
   */
  public void submit(List<Task> tasks) {
    if (!tasks.isEmpty()
        && tasks.get(0).policy.timeoutNanos() > 0
        && watching.compareAndSet(false, true)) {
      watchdog.scheduleWithFixedDelay(
          this::killExpired, TIMEOUT_CHECK_MILLIS, TIMEOUT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }
    scheduler.submit(tasks);
  }

  /**
   * Withdraws a task that has not started; if {@code mayInterrupt}, also stops a running one by
   * killing its worker.
   *
   * @return whether the task will not run to completion
   */
  public boolean cancel(Task task, boolean mayInterrupt) {
    if (scheduler.cancel(task)) {
      task.cancelled = true;
      outcomes.withdrawn();
      return true;
    }
    Scheduler.Held held = scheduler.cancelHeld(task, mayInterrupt);
    if (held.kill() != null) {
      held.kill().kill("the pool killed it to stop " + task + ", which was cancelled");
    }
    return held.stopped();
  }

  /**
   * @throws IllegalStateException if the pool is shut down
   * @throws BrokenPoolException if the pool is broken
   */
  public void checkAccepting() {
    scheduler.checkAccepting();
  }

  public boolean isShutdown() {
    return scheduler.isShutdown();
  }

  public PoolStatistics statistics() {
    return outcomes.snapshot();
  }

  /** Runs {@code action} once every worker has exited after a shutdown or terminate. */
  public void whenAllExited(Runnable action) {
    whenAllExited.add(action);
  }

  public void shutdown() {
    scheduler.shutdown();
  }

  /**
   * Cancels what is unfinished and stops every worker: first by closing its channel (a worker exits
   * at once when it sees that), then SIGTERM, then SIGKILL, each after a short wait.
   */
  public void terminate() {
    terminating = true;
    for (Task task : scheduler.terminate()) {
      outcomes.fail(
          task, new CancellationException("the pool was terminated"), "a terminated pool");
    }
    List<ParentWorker> snapshot = starter.workers();
    snapshot.forEach(ParentWorker::closeChannel);
    if (!awaitExit(snapshot, ASK_MILLIS)) {
      snapshot.forEach(ParentWorker::stop);
      if (!awaitExit(snapshot, TERM_MILLIS)) {
        snapshot.forEach(worker -> worker.kill("the pool was terminated"));
        awaitExit(snapshot, KILL_MILLIS);
      }
    }
  }

  /**
   * Terminates the pool as {@link #terminate()} does, handing back, cancelled, the tasks no worker
   * had received: those never started, which {@code ExecutorService.shutdownNow()} returns.
   */
  public List<Task> terminateNow() {
    List<Task> neverSent = scheduler.withdrawQueued();
    for (Task task : neverSent) {
      outcomes.fail(
          task,
          new CancellationException("the pool was shut down with shutdownNow() before it started"),
          "a terminated pool");
    }
    terminate();
    return neverSent;
  }

  /** Whether every worker has exited after a shutdown or terminate. */
  public boolean hasExited() {
    return exited.getCount() == 0;
  }

  /** Waits, whether or not the pool is shut down yet, until every worker has exited. */
  public boolean awaitExited(long timeoutNanos) throws InterruptedException {
    return exited.await(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Waits until every worker has exited.
   *
   * @throws IllegalStateException if the pool is still running
   */
  public void join() throws InterruptedException {
    requireJoinable();
    exited.await();
  }

  /**
   * Waits until every worker has exited, or the timeout passes.
   *
   * @return whether every worker exited
   * @throws IllegalStateException if the pool is still running
   */
  public boolean join(Duration timeout) throws InterruptedException {
    requireJoinable();
    return exited.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  // ---- what the scheduler asks ----

  @Override
  public void spawnWorker() {
    starter.inBackground(this::startWorker);
  }

  @Override
  public void allWorkersExited() {
    starter.close();
    watchdog.shutdownNow();
    whenAllExited.forEach(Runnable::run);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or about to; nothing to undo.
    }
    exited.countDown();
  }

  // ---- what workers tell ----

  @Override
  public void ready(ParentWorker worker) {
    scheduler.workerReady(worker);
  }

  @Override
  public void result(ParentWorker worker, ParentWorker.Result result) {
    Task task = scheduler.completed(worker, result.taskId(), result.runNanos());
    if (task == null) {
      return;
    }
    if (result.unreadable() != null) {
      outcomes.fail(task, result.unreadable(), worker.origin());
      return;
    }
    try {
      outcomes.completed(
          task, result.values(), result.failedIndexes(), result.failed(), worker.origin());
    } catch (ProtocolException garbled) {
      log.error(
          "Worker {} sent a result the pool cannot use; killing it", worker.origin(), garbled);
      worker.kill("it sent a result the pool cannot use: " + garbled.getMessage());
    }
  }

  @Override
  public void skipped(ParentWorker worker, long taskId) {
    Task task = scheduler.skipped(worker, taskId);
    if (task != null) {
      outcomes.fail(task, new CancellationException(task + " was cancelled"), worker.origin());
    }
  }

  @Override
  public void goingAway(ParentWorker worker) {
    scheduler.workerGoingAway(worker);
  }

  @Override
  public void unsent(ParentWorker worker, Task task) {
    scheduler.unsent(worker, task);
  }

  @Override
  public void failedToStart(ParentWorker worker, BrokenPoolException cause) {
    if (replacement.logsBrokenPool() && !terminating && brokenReported.compareAndSet(false, true)) {
      log.error("Pool {} is broken: {}", spec.name(), cause.getMessage());
    }
    for (Task orphan : scheduler.workerFailedToStart(cause)) {
      outcomes.fail(orphan, cause, "no worker");
    }
  }

  @Override
  public void diedDuringStart(ParentWorker worker, String description) {
    startCrashed(description);
  }

  private void startCrashed(String description) {
    if (!terminating) {
      outcomes.workerCrashed(description);
    }
    endIfNotReplaced(description);
    scheduler.workerLost(null);
    if (!terminating) {
      checkDeathRate();
    }
  }

  @Override
  public void exited(
      ParentWorker worker,
      ExitStatus status,
      String description,
      boolean wasReady,
      boolean retired) {
    starter.gone(worker);
    if (!wasReady) {
      return;
    }
    endIfNotReplaced(worker.origin() + " " + description + " before it ran its task");
    Scheduler.Lost lost = scheduler.workerLost(worker);
    Task running = lost.running();
    if (lost.doom() != null && running == null) {
      return;
    }
    if (lost.doom() == Scheduler.Doom.TIMEOUT) {
      outcomes.workerCrashed(worker.origin() + " killed: " + running + " timed out");
      Duration timeout = running.policy.timeout();
      outcomes.fail(
          running,
          new TaskTimeoutException(
              running
                  + " ran longer than its timeout of "
                  + timeout.toMillis()
                  + " ms in "
                  + worker.origin()
                  + ", so the worker was killed and replaced",
              timeout),
          worker.origin());
      return;
    }
    if (lost.doom() == Scheduler.Doom.CANCEL) {
      outcomes.workerCrashed(worker.origin() + " killed: " + running + " was cancelled");
      outcomes.fail(
          running, new CancellationException(running + " was cancelled"), worker.origin());
      return;
    }
    if (retired || terminating) {
      outcomes.workerRetired();
      return;
    }
    String died = worker.origin() + " " + description;
    outcomes.workerCrashed(died);
    if (running != null) {
      retryOrFail(worker, status, died, running);
    }
    checkDeathRate();
  }

  private void retryOrFail(ParentWorker worker, ExitStatus status, String died, Task running) {
    if (running.retriesLeft > 0 && !running.cancelled) {
      outcomes.retried();
      log.warn("{} while it held {}; retrying it", died, running);
      RuntimeException refused = scheduler.retry(running);
      if (refused == null) {
        return;
      }
      outcomes.fail(running, refused, "no worker");
      return;
    }
    outcomes.fail(
        running,
        new WorkerDiedException(
            "Worker "
                + died
                + " while it held "
                + running
                + ". Its last output:"
                + System.lineSeparator()
                + worker.process().lastOutput(),
            worker.process().name(),
            worker.process().pid(),
            status.exitCode(),
            status.signal()),
        worker.origin());
  }

  /**
   * A worker that is not replaced ends everything: its task fails here if it never reached the
   * worker, and nothing more can run. Called before the scheduler hears of the loss, so that it
   * starts no replacement.
   */
  private void endIfNotReplaced(String description) {
    BrokenPoolException end = replacement.endsWith(description);
    if (end != null) {
      for (Task orphan : scheduler.breakPool(end)) {
        outcomes.fail(orphan, end, "no worker");
      }
    }
  }

  private void checkDeathRate() {
    if (deathRate.recordAndCheck(System.nanoTime())) {
      BrokenPoolException cause =
          new BrokenPoolException(
              "Pool "
                  + spec.name()
                  + " stopped replacing workers: more than "
                  + deathRate.describe()
                  + " died unexpectedly. Latest: "
                  + outcomes.snapshot().recentCrashes(),
              null);
      if (brokenReported.compareAndSet(false, true)) {
        log.error(cause.getMessage());
      }
      for (Task orphan : scheduler.breakPool(cause)) {
        outcomes.fail(orphan, cause, "no worker");
      }
    }
  }

  // ---- internals ----

  private void killExpired() {
    for (Scheduler.Expired expired : scheduler.expired(System.nanoTime())) {
      expired.link().kill("the pool killed it: " + expired.task() + " outlived its timeout");
    }
  }

  private void startWorker() {
    String name = starter.nextName();
    ParentWorker worker;
    try {
      worker = starter.launch(name);
    } catch (IOException | RuntimeException e) {
      // Often transient (no process slots, a spawn helper killed mid-launch): retried like a
      // crash; a java that can never start trips the death-rate limit with this message.
      startCrashed("Cannot start worker " + name + " with " + spec.javaExecutable() + ": " + e);
      return;
    }
    outcomes.workerStarted();
    connect(worker);
  }

  private void connect(ParentWorker worker) {
    if (terminating) {
      worker.crashedDuringStart("was started while the pool was terminated");
      return;
    }
    starter.connect(worker);
  }

  private static boolean awaitExit(List<ParentWorker> workers, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (ParentWorker worker : workers) {
      long left = deadline - System.nanoTime();
      try {
        if (!worker.process().process().waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void requireJoinable() {
    if (!scheduler.isShutdown()) {
      throw new IllegalStateException(
          "Pool is still running: call shutdown() or terminate() before join()"
              + " (Python: ValueError('Pool is still running'))");
    }
  }
}
