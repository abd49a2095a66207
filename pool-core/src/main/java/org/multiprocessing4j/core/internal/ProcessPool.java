package org.multiprocessing4j.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.BrokenPoolException;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.ResultIterator;
import org.multiprocessing4j.SerializableBiFunction;
import org.multiprocessing4j.SerializableCallable;
import org.multiprocessing4j.SerializableFunction;
import org.multiprocessing4j.SerializableRunnable;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.WorkerDiedException;
import org.multiprocessing4j.WorkerOutput;
import org.multiprocessing4j.spi.ParentTransport;
import org.multiprocessing4j.spi.PoolSpec;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.TransportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Pool} of worker JVMs. */
final class ProcessPool implements Pool, PoolLifecycle, ParentWorker.Events {
  private static final Logger log = LoggerFactory.getLogger(ProcessPool.class);
  private static final Logger workerLog = LoggerFactory.getLogger("org.multiprocessing4j.worker");
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  private static final long KILL_WAIT_MILLIS = 10_000;

  private final PoolSpec spec;
  private final Serializer serializer;
  private final FailureCodec failureCodec;
  private final TaskEncoder encoder;
  private final FrameWriter initFrame;
  private final ParentTransport transport;
  private final WorkerLauncher launcher;
  private final Scheduler scheduler;
  private final Callbacks callbacks;
  private final ExecutorService ownCallbackExecutor;
  private final ExecutorService spawner;
  private final WorkerOutput workerOutput;
  private final Set<ParentWorker> workers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger workerNumbers = new AtomicInteger();
  private final CountDownLatch exited = new CountDownLatch(1);
  private final AtomicBoolean brokenReported = new AtomicBoolean();
  private volatile boolean terminating;

  ProcessPool(PoolSpec spec) {
    this.spec = spec;
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
    this.workerOutput =
        spec.workerOutput() != null
            ? spec.workerOutput()
            : (worker, pid, line) -> workerLog.info("[{} pid {}] {}", worker, pid, line);
  }

  void start() {
    scheduler.start();
  }

  // ---- submitting ----

  @Override
  public <R> R apply(SerializableCallable<? extends R> task)
      throws InterruptedException, ExecutionException {
    return this.<R>applyAsync(task).get();
  }

  @Override
  public <T, R> R apply(SerializableFunction<? super T, ? extends R> function, T argument)
      throws InterruptedException, ExecutionException {
    return this.<T, R>applyAsync(function, argument).get();
  }

  @Override
  public <R> AsyncResult<R> applyAsync(SerializableCallable<? extends R> task) {
    return applyAsync(task, null, null);
  }

  @Override
  public AsyncResult<Void> applyAsync(SerializableRunnable task) {
    requireNonNull(task, "task");
    return submitOne(task, null, null, null);
  }

  @Override
  public <R> AsyncResult<R> applyAsync(
      SerializableCallable<? extends R> task,
      Consumer<? super R> callback,
      Consumer<? super Throwable> errorCallback) {
    requireNonNull(task, "task");
    return submitOne(task, null, callback, errorCallback);
  }

  @Override
  public <T, R> AsyncResult<R> applyAsync(
      SerializableFunction<? super T, ? extends R> function, T argument) {
    return applyAsync(function, argument, null, null);
  }

  @Override
  public <T, R> AsyncResult<R> applyAsync(
      SerializableFunction<? super T, ? extends R> function,
      T argument,
      Consumer<? super R> callback,
      Consumer<? super Throwable> errorCallback) {
    requireNonNull(function, "function");
    return submitOne(function, argument, callback, errorCallback);
  }

  @Override
  public <T, R> List<R> map(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items)
      throws InterruptedException, ExecutionException {
    return this.<T, R>mapAsync(function, items).get();
  }

  @Override
  public <T, R> List<R> map(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items, int chunksize)
      throws InterruptedException, ExecutionException {
    return this.<T, R>mapAsync(function, items, chunksize, null, null).get();
  }

  @Override
  public <T, R> AsyncResult<List<R>> mapAsync(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items) {
    requireNonNull(function, "function");
    List<Object> list = toList(items, "items");
    return submitMap(function, list, defaultChunksize(list.size()), null, null);
  }

  @Override
  public <T, R> AsyncResult<List<R>> mapAsync(
      SerializableFunction<? super T, ? extends R> function,
      Iterable<T> items,
      int chunksize,
      Consumer<? super List<R>> callback,
      Consumer<? super Throwable> errorCallback) {
    requireNonNull(function, "function");
    requireChunksize(chunksize);
    return submitMap(function, toList(items, "items"), chunksize, callback, errorCallback);
  }

  @Override
  public <A, B, R> List<R> starmap(
      SerializableBiFunction<? super A, ? super B, ? extends R> function,
      Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs)
      throws InterruptedException, ExecutionException {
    return this.<A, B, R>starmapAsync(function, pairs).get();
  }

  @Override
  public <A, B, R> List<R> starmap(
      SerializableBiFunction<? super A, ? super B, ? extends R> function,
      Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs,
      int chunksize)
      throws InterruptedException, ExecutionException {
    return this.<A, B, R>starmapAsync(function, pairs, chunksize, null, null).get();
  }

  @Override
  public <A, B, R> AsyncResult<List<R>> starmapAsync(
      SerializableBiFunction<? super A, ? super B, ? extends R> function,
      Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) {
    requireNonNull(function, "function");
    List<Object> list = toPairs(pairs);
    return submitMap(function, list, defaultChunksize(list.size()), null, null);
  }

  @Override
  public <A, B, R> AsyncResult<List<R>> starmapAsync(
      SerializableBiFunction<? super A, ? super B, ? extends R> function,
      Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs,
      int chunksize,
      Consumer<? super List<R>> callback,
      Consumer<? super Throwable> errorCallback) {
    requireNonNull(function, "function");
    requireChunksize(chunksize);
    return submitMap(function, toPairs(pairs), chunksize, callback, errorCallback);
  }

  @Override
  public <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items) {
    return imap(function, items, 1, true);
  }

  @Override
  public <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items, int chunksize) {
    requireChunksize(chunksize);
    return imap(function, items, chunksize, true);
  }

  @Override
  public <T, R> ResultIterator<R> imapUnordered(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items) {
    return imap(function, items, 1, false);
  }

  @Override
  public <T, R> ResultIterator<R> imapUnordered(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items, int chunksize) {
    requireChunksize(chunksize);
    return imap(function, items, chunksize, false);
  }

  private <R> AsyncResult<R> submitOne(
      Object function,
      Object argument,
      Consumer<? super R> callback,
      Consumer<? super Throwable> errorCallback) {
    ApplyJob<R> job = new ApplyJob<>();
    Task task = encoder.encode(function, new Object[] {argument}, 0, job);
    PendingResult<R> result =
        new PendingResult<R>(callbacks, () -> scheduler.cancel(job.task()), "apply " + task)
            .withCallbacks(callback, errorCallback);
    job.start(result, task);
    scheduler.submit(List.of(task));
    return result;
  }

  private <R> AsyncResult<List<R>> submitMap(
      Object function,
      List<Object> items,
      int chunksize,
      Consumer<? super List<R>> callback,
      Consumer<? super Throwable> errorCallback) {
    MapJob<R> job = new MapJob<>(items.size(), scheduler);
    List<Task> tasks = new ArrayList<>();
    for (int first = 0; first < items.size(); first += chunksize) {
      Object[] chunk = items.subList(first, Math.min(items.size(), first + chunksize)).toArray();
      tasks.add(encoder.encode(function, chunk, first, job));
    }
    String description = "map of " + items.size() + " items in " + tasks.size() + " tasks";
    PendingResult<List<R>> result =
        new PendingResult<List<R>>(callbacks, job::withdrawPending, description)
            .withCallbacks(callback, errorCallback);
    job.start(result, tasks);
    if (tasks.isEmpty()) {
      requireRunning();
      result.complete(new ArrayList<>());
    } else {
      scheduler.submit(tasks);
    }
    return result;
  }

  private <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function,
      Iterable<T> items,
      int chunksize,
      boolean ordered) {
    requireNonNull(function, "function");
    requireNonNull(items, "items");
    requireRunning();
    Iterator<T> input = items.iterator();
    return new ImapIterator<T, R>(
        input,
        chunksize,
        8 * spec.processes(),
        ordered,
        new ImapIterator.ChunkSubmitter() {
          @Override
          public Task encode(Object[] chunk, int firstIndex, TaskListener listener) {
            return encoder.encode(function, chunk, firstIndex, listener);
          }

          @Override
          public void submit(Task task) {
            scheduler.submit(List.of(task));
          }
        },
        scheduler);
  }

  // ---- lifecycle ----

  @Override
  public void shutdown() {
    scheduler.shutdown();
  }

  @Override
  public void terminate() {
    terminating = true;
    for (Task task : scheduler.terminate()) {
      TaskListener.failAll(
          task, new CancellationException("the pool was terminated"), "a terminated pool");
    }
    List<ParentWorker> snapshot = new ArrayList<>(workers);
    snapshot.forEach(ParentWorker::kill);
    for (ParentWorker worker : snapshot) {
      try {
        worker.process().process().waitFor(KILL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void join() throws InterruptedException {
    requireJoinable();
    exited.await();
  }

  @Override
  public boolean join(Duration timeout) throws InterruptedException {
    requireNonNull(timeout, "timeout");
    requireJoinable();
    return exited.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    shutdown();
    try {
      join();
    } catch (InterruptedException e) {
      terminate();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isShutdown() {
    return scheduler.isShutdown();
  }

  @Override
  public int processes() {
    return spec.processes();
  }

  @Override
  public String toString() {
    return "Pool["
        + spec.name()
        + ", "
        + spec.processes()
        + " processes, transport "
        + spec.transport().name()
        + ", serializer "
        + spec.serializer().name()
        + (isShutdown() ? ", shut down" : ", running")
        + "]";
  }

  // ---- workers ----

  @Override
  public void spawnWorker() {
    spawner.execute(this::startWorker);
  }

  @Override
  public void allWorkersExited() {
    transport.close();
    launcher.deleteArgfile();
    spawner.shutdown();
    if (ownCallbackExecutor != null) {
      ownCallbackExecutor.shutdown();
    }
    exited.countDown();
  }

  @Override
  public void ready(ParentWorker worker) {
    scheduler.workerReady(worker);
  }

  @Override
  public void failedToStart(ParentWorker worker, BrokenPoolException cause) {
    if (!terminating && brokenReported.compareAndSet(false, true)) {
      log.error("Pool {} is broken: {}", spec.name(), cause.getMessage());
    }
    for (Task orphan : scheduler.workerFailedToStart(cause)) {
      TaskListener.failAll(orphan, cause, "no worker");
    }
  }

  @Override
  public void exited(ParentWorker worker, ExitStatus status, boolean wasReady) {
    workers.remove(worker);
    if (!wasReady) {
      return;
    }
    for (Task lost : scheduler.workerLost(worker)) {
      WorkerDiedException died =
          new WorkerDiedException(
              "Worker "
                  + worker.origin()
                  + " "
                  + status.describe()
                  + " while it held "
                  + lost
                  + ". Its last output:"
                  + System.lineSeparator()
                  + worker.process().lastOutput(),
              worker.process().name(),
              worker.process().pid(),
              status.exitCode(),
              status.signal());
      TaskListener.failAll(lost, died, worker.origin());
    }
  }

  private void startWorker() {
    String name = spec.name() + "-worker-" + workerNumbers.incrementAndGet();
    LaunchedWorker launched;
    try {
      launched = launcher.launch(name, workerOutput);
    } catch (IOException | RuntimeException e) {
      failedToStart(
          null,
          new BrokenPoolException(
              "Cannot start worker "
                  + name
                  + " with "
                  + spec.javaExecutable()
                  + ": "
                  + e.getMessage(),
              e));
      return;
    }
    ParentWorker worker = new ParentWorker(launched, scheduler, serializer, failureCodec, this);
    workers.add(worker);
    if (terminating) {
      worker.startFailed(new BrokenPoolException("the pool was terminated", null));
      return;
    }
    try {
      Bootstrap bootstrap =
          new Bootstrap(
              spec.name(),
              name,
              ProcessHandle.current().pid(),
              spec.transport().name(),
              transport.connectionParameters(name),
              spec.serializer().name(),
              serializer.fingerprint(),
              spec.maxFrameSize(),
              HANDSHAKE_TIMEOUT.toMillis());
      bootstrap.writeTo(launched.stdin());
      var channel = transport.connect(launched, spec.startTimeout());
      if (!transport.readsWorkerStdout()) {
        launched.forwardStdout();
      }
      worker.open(channel, initFrame.array(), initFrame.size());
      worker.awaitSettled(spec.startTimeout().toMillis());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      worker.startFailed(
          new BrokenPoolException(
              "Worker "
                  + launched.origin()
                  + " did not start: "
                  + e.getMessage()
                  + ". Its last output:"
                  + System.lineSeparator()
                  + launched.lastOutput(),
              e));
    }
  }

  // ---- argument checks ----

  /** Serialized once, here, so that an initializer that cannot be sent fails {@code build()}. */
  private static FrameWriter encodeInitializer(Serializer serializer, PoolSpec spec) {
    FrameWriter frame = new FrameWriter(256).writeByte(Protocol.INIT);
    try {
      serializer.serialize(spec.initializer(), frame);
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

  private int defaultChunksize(int items) {
    int workers = 4 * spec.processes();
    return Math.max(1, (items + workers - 1) / workers);
  }

  private void requireRunning() {
    scheduler.checkAccepting();
  }

  private void requireJoinable() {
    if (!isShutdown()) {
      throw new IllegalStateException(
          "Pool is still running: call shutdown() or terminate() before join()"
              + " (Python: ValueError('Pool is still running'))");
    }
  }

  private static void requireChunksize(int chunksize) {
    if (chunksize < 1) {
      throw new IllegalArgumentException("chunksize must be at least 1, got " + chunksize);
    }
  }

  private static void requireNonNull(Object value, String argument) {
    if (value == null) {
      throw new NullPointerException(argument + " must not be null");
    }
  }

  private static List<Object> toList(Iterable<?> items, String argument) {
    requireNonNull(items, argument);
    List<Object> list = new ArrayList<>();
    items.forEach(list::add);
    return list;
  }

  private static List<Object> toPairs(Iterable<? extends Map.Entry<?, ?>> pairs) {
    requireNonNull(pairs, "pairs");
    List<Object> list = new ArrayList<>();
    int index = 0;
    for (Map.Entry<?, ?> pair : pairs) {
      if (pair == null) {
        throw new NullPointerException("pairs[" + index + "] must not be null");
      }
      list.add(new Object[] {pair.getKey(), pair.getValue()});
      index++;
    }
    return list;
  }

  private static ExecutorService daemonExecutor(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }
}
