package org.multiprocessing4j.core.internal.supervision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.BrokenPoolException;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.TaskTimeoutException;
import org.multiprocessing4j.WorkerDiedException;
import org.multiprocessing4j.WorkerOutput;
import org.multiprocessing4j.core.internal.launch.ExitStatus;
import org.multiprocessing4j.core.internal.launch.LaunchedWorker;
import org.multiprocessing4j.core.internal.launch.WorkerLauncher;
import org.multiprocessing4j.core.internal.pool.Callbacks;
import org.multiprocessing4j.core.internal.pool.ChildProcess;
import org.multiprocessing4j.core.internal.pool.TaskEncoder;
import org.multiprocessing4j.core.internal.scheduling.PoolLifecycle;
import org.multiprocessing4j.core.internal.scheduling.Scheduler;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskListener;
import org.multiprocessing4j.core.internal.wire.Bootstrap;
import org.multiprocessing4j.core.internal.wire.FailureCodec;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.InitFrame;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.ParentTransport;
import org.multiprocessing4j.spi.PoolSpec;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.TransportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a pool's workers: starts them, hears how they end, kills those whose task timed out or was
 * cancelled, retries or fails the task a dead worker held, and shuts everything down. Shared by a
 * pool and all its views.
 */
public final class Supervisor implements PoolLifecycle, ParentWorker.Events {
  private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
  private static final Logger workerLog = LoggerFactory.getLogger("org.multiprocessing4j.worker");
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  private static final long TIMEOUT_CHECK_MILLIS = 10;
  private static final long ASK_MILLIS = 300;
  private static final long TERM_MILLIS = 1_000;
  private static final long KILL_MILLIS = 5_000;

  public final PoolSpec spec;
  final Serializer serializer;
  public final TaskEncoder encoder;
  public final Scheduler scheduler;
  public final Callbacks callbacks;
  public final Statistics statistics = new Statistics();

  private final FailureCodec failureCodec;
  private final FrameWriter initFrame;
  private final ParentTransport transport;
  private final WorkerLauncher launcher;
  private final ExecutorService ownCallbackExecutor;
  private final ExecutorService spawner;
  private final ScheduledThreadPoolExecutor watchdog;
  private final WorkerOutput workerOutput;
  private final DeathRateLimit deathRate;
  private final Set<ParentWorker> workers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger workerNumbers = new AtomicInteger();
  private final AtomicBoolean brokenReported = new AtomicBoolean();
  private final AtomicBoolean watching = new AtomicBoolean();
  private final CountDownLatch exited = new CountDownLatch(1);
  private final Thread shutdownHook;
  private final boolean forProcess;
  private volatile boolean terminating;

  public Supervisor(PoolSpec spec) {
    this(spec, false);
  }

  /**
   * The supervisor of one {@link ChildProcess}: its one worker, named as the process, runs one task
   * and is never replaced; see {@link #startProcess}.
   */
  public static Supervisor forProcess(PoolSpec spec) {
    return new Supervisor(spec, true);
  }

  private Supervisor(PoolSpec spec, boolean forProcess) {
    this.spec = spec;
    this.forProcess = forProcess;
    this.serializer = spec.serializer().create(spec.classLoader());
    this.failureCodec = new FailureCodec(serializer, spec.classLoader());
    this.encoder = new TaskEncoder(serializer, spec.maxFrameSize());
    this.initFrame = encodeInitializer(serializer, spec);
    try {
      this.transport =
          spec.transport()
              .createParentTransport(
                  new TransportSettings(spec.name(), spec.maxFrameSize(), HANDSHAKE_TIMEOUT));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the " + spec.transport().name() + " transport", e);
    }
    this.launcher = new WorkerLauncher(spec);
    this.scheduler = new Scheduler(spec.processes(), spec.maxTasksPerChild(), this);
    this.ownCallbackExecutor =
        spec.callbackExecutor() == null ? daemonExecutor(spec.name() + "-callbacks", 1) : null;
    this.callbacks =
        new Callbacks(ownCallbackExecutor != null ? ownCallbackExecutor : spec.callbackExecutor());
    this.spawner = daemonExecutor(spec.name() + "-spawner", spec.processes());
    this.watchdog = new ScheduledThreadPoolExecutor(1, daemonFactory(spec.name() + "-watchdog"));
    this.watchdog.setRemoveOnCancelPolicy(true);
    this.workerOutput =
        spec.workerOutput() != null
            ? spec.workerOutput()
            : (worker, pid, line) -> workerLog.info("[{} pid {}] {}", worker, pid, line);
    this.deathRate = new DeathRateLimit(spec.maxWorkerDeaths(), spec.workerDeathWindow());
    // Workers exit on their own when this JVM dies; on an orderly exit, stop them promptly too.
    this.shutdownHook = new Thread(this::terminate, spec.name() + "-shutdown");
  }

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
      worker = launch(spec.name());
    } catch (IOException | RuntimeException e) {
      shutdown();
      throw e;
    }
    scheduler.workerLaunched();
    scheduler.submit(List.of(task));
    scheduler.shutdown();
    spawner.execute(() -> connect(worker));
    return worker.process();
  }

  /** Queues tasks; starts the timeout watchdog the first time a task has a timeout. */
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
      statistics.tasksCancelled.incrementAndGet();
      return true;
    }
    Scheduler.Held held = scheduler.cancelHeld(task, mayInterrupt);
    if (held.kill() != null) {
      ((ParentWorker) held.kill()).kill();
    }
    return held.stopped();
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
      fail(task, new CancellationException("the pool was terminated"), "a terminated pool");
    }
    List<ParentWorker> snapshot = new ArrayList<>(workers);
    snapshot.forEach(ParentWorker::closeChannel);
    if (!awaitExit(snapshot, ASK_MILLIS)) {
      snapshot.forEach(worker -> worker.process().process().destroy());
      if (!awaitExit(snapshot, TERM_MILLIS)) {
        snapshot.forEach(ParentWorker::kill);
        awaitExit(snapshot, KILL_MILLIS);
      }
    }
  }

  public void join() throws InterruptedException {
    requireJoinable();
    exited.await();
  }

  public boolean join(Duration timeout) throws InterruptedException {
    requireJoinable();
    return exited.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  // ---- what the scheduler asks ----

  @Override
  public void spawnWorker() {
    spawner.execute(this::startWorker);
  }

  @Override
  public void allWorkersExited() {
    transport.close();
    launcher.close();
    spawner.shutdown();
    watchdog.shutdownNow();
    if (ownCallbackExecutor != null) {
      ownCallbackExecutor.shutdown();
    }
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
  public void failedToStart(ParentWorker worker, BrokenPoolException cause) {
    // A process reports its own failure to start, as its failure.
    if (!forProcess && !terminating && brokenReported.compareAndSet(false, true)) {
      log.error("Pool {} is broken: {}", spec.name(), cause.getMessage());
    }
    for (Task orphan : scheduler.workerFailedToStart(cause)) {
      fail(orphan, cause, "no worker");
    }
  }

  @Override
  public void diedDuringStart(ParentWorker worker, String description) {
    startCrashed(description);
  }

  private void startCrashed(String description) {
    if (!terminating) {
      statistics.crashed(description);
    }
    if (forProcess) {
      processWorkerGone(description);
    }
    scheduler.workerLost(null);
    if (!terminating) {
      checkDeathRate();
    }
  }

  @Override
  public void exited(ParentWorker worker, ExitStatus status, boolean wasReady, boolean retired) {
    workers.remove(worker);
    if (!wasReady) {
      return;
    }
    if (forProcess) {
      processWorkerGone(worker.origin() + " " + status.describe() + " before it ran its task");
    }
    Scheduler.Lost lost = scheduler.workerLost(worker);
    Task running = lost.running();
    if (lost.doom() != null && running == null) {
      return;
    }
    if (lost.doom() == Scheduler.Doom.TIMEOUT) {
      statistics.tasksTimedOut.incrementAndGet();
      statistics.crashed(worker.origin() + " killed: " + running + " timed out");
      Duration timeout = running.policy.timeout();
      fail(
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
      statistics.crashed(worker.origin() + " killed: " + running + " was cancelled");
      fail(running, new CancellationException(running + " was cancelled"), worker.origin());
      return;
    }
    if (retired || terminating) {
      statistics.workersRetired.incrementAndGet();
      return;
    }
    String description = worker.origin() + " " + status.describe();
    statistics.crashed(description);
    if (running != null) {
      if (running.retriesLeft > 0 && !running.cancelled) {
        statistics.tasksRetried.incrementAndGet();
        log.warn("{} while it held {}; retrying it", description, running);
        scheduler.retry(running);
      } else {
        fail(
            running,
            new WorkerDiedException(
                "Worker "
                    + description
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
    }
    checkDeathRate();
  }

  /**
   * A process's worker is never replaced: once it is gone, its task fails here if it never reached
   * the worker, and nothing more can run. Called before the scheduler hears of the loss, so that it
   * starts no replacement.
   */
  private void processWorkerGone(String description) {
    BrokenPoolException cause = new BrokenPoolException("Process " + description, null);
    for (Task orphan : scheduler.breakPool(cause)) {
      fail(orphan, cause, "no worker");
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
                  + statistics.snapshot().recentCrashes(),
              null);
      if (brokenReported.compareAndSet(false, true)) {
        log.error(cause.getMessage());
      }
      for (Task orphan : scheduler.breakPool(cause)) {
        fail(orphan, cause, "no worker");
      }
    }
  }

  // ---- internals ----

  void fail(Task task, Throwable cause, String origin) {
    (cause instanceof CancellationException ? statistics.tasksCancelled : statistics.tasksFailed)
        .incrementAndGet();
    TaskListener.failAll(task, cause, origin);
  }

  private void killExpired() {
    for (Scheduler.Expired expired : scheduler.expired(System.nanoTime())) {
      ((ParentWorker) expired.link()).kill();
    }
  }

  private void startWorker() {
    String name = spec.name() + "-worker-" + workerNumbers.incrementAndGet();
    ParentWorker worker;
    try {
      worker = launch(name);
    } catch (IOException | RuntimeException e) {
      // Often transient (no process slots, a spawn helper killed mid-launch): retried like a
      // crash; a java that can never start trips the death-rate limit with this message.
      startCrashed("Cannot start worker " + name + " with " + spec.javaExecutable() + ": " + e);
      return;
    }
    connect(worker);
  }

  private ParentWorker launch(String name) throws IOException {
    LaunchedWorker launched = launcher.launch(name, workerOutput);
    statistics.workersStarted.incrementAndGet();
    ParentWorker worker =
        new ParentWorker(launched, scheduler, serializer, failureCodec, this, statistics);
    workers.add(worker);
    return worker;
  }

  /** Sends a launched worker its bootstrap, connects to it and waits until it is ready. */
  private void connect(ParentWorker worker) {
    if (terminating) {
      worker.crashedDuringStart("was started while the pool was terminated");
      return;
    }
    LaunchedWorker launched = worker.process();
    String name = launched.name();
    try {
      new Bootstrap(
              spec.name(),
              name,
              ProcessHandle.current().pid(),
              spec.transport().name(),
              spec.transport().getClass().getName(),
              transport.connectionParameters(name),
              spec.serializer().name(),
              spec.serializer().getClass().getName(),
              serializer.fingerprint(),
              spec.maxFrameSize(),
              HANDSHAKE_TIMEOUT.toMillis())
          .writeTo(launched.stdin());
      FrameChannel channel = transport.connect(launched, spec.startTimeout());
      if (!transport.readsWorkerStdout()) {
        launched.forwardStdout();
      }
      worker.open(channel, initFrame.array(), initFrame.size());
      worker.awaitSettled(spec.startTimeout().toMillis());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      worker.crashedDuringStart("did not start: " + e.getMessage());
    }
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

  /** Serialized once, here, so that an initializer that cannot be sent fails {@code build()}. */
  private static FrameWriter encodeInitializer(Serializer serializer, PoolSpec spec) {
    FrameWriter frame;
    try {
      frame = InitFrame.write(serializer, spec.initializer());
    } catch (RuntimeException e) {
      throw new SerializationException(
          "Cannot serialize the pool's initializer, "
              + TaskEncoder.describe(spec.initializer())
              + ": "
              + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return frame;
  }

  private static ExecutorService daemonExecutor(String name, int threads) {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonFactory(name));
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private static ThreadFactory daemonFactory(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
