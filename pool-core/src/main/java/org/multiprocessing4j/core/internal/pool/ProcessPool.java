package org.multiprocessing4j.core.internal.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.PoolExecutorService;
import org.multiprocessing4j.PoolStatistics;
import org.multiprocessing4j.ResultIterator;
import org.multiprocessing4j.SerializableBiFunction;
import org.multiprocessing4j.SerializableCallable;
import org.multiprocessing4j.SerializableFunction;
import org.multiprocessing4j.SerializableRunnable;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskListener;
import org.multiprocessing4j.core.internal.scheduling.TaskPolicy;
import org.multiprocessing4j.core.internal.supervision.ReplacementPolicy;
import org.multiprocessing4j.core.internal.supervision.Supervisor;
import org.multiprocessing4j.spi.PoolSpec;

/**
 * The {@link Pool} of worker JVMs, as its users see it: the submitting methods and the lifecycle.
 * Workers and their lifecycle live in the {@link Supervisor}, which views made by {@link
 * #withTaskTimeout} and {@link #withRetries} share; a view differs only in its {@link TaskPolicy}.
 */
final class ProcessPool implements Pool {
  private final PoolSpec spec;
  private final Supervisor supervisor;
  private final TaskEncoder encoder;
  private final Callbacks callbacks;
  private final TaskPolicy policy;

  /**
   * Builds a pool for {@code spec} and starts its workers in the background.
   *
   * @throws org.multiprocessing4j.SerializationException if the initializer cannot be serialized
   * @throws java.io.UncheckedIOException if the transport cannot start
   */
  static ProcessPool start(PoolSpec spec) {
    Engine engine = Engine.build(spec, ReplacementPolicy.REPLACE);
    Callbacks callbacks = Callbacks.of(spec, engine.supervisor());
    engine.supervisor().start();
    return new ProcessPool(
        spec,
        engine.supervisor(),
        engine.encoder(),
        callbacks,
        new TaskPolicy(spec.taskTimeout(), spec.retries()));
  }

  private ProcessPool(
      PoolSpec spec,
      Supervisor supervisor,
      TaskEncoder encoder,
      Callbacks callbacks,
      TaskPolicy policy) {
    this.spec = spec;
    this.supervisor = supervisor;
    this.encoder = encoder;
    this.callbacks = callbacks;
    this.policy = policy;
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

  @Override
  public <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function, Iterator<T> items) {
    return imap(function, items, () -> {}, 1, true);
  }

  @Override
  public <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function, Iterator<T> items, int chunksize) {
    requireChunksize(chunksize);
    return imap(function, items, () -> {}, chunksize, true);
  }

  @Override
  public <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function, Stream<T> items) {
    return imap(function, items, 1, true);
  }

  @Override
  public <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function, Stream<T> items, int chunksize) {
    requireChunksize(chunksize);
    return imap(function, items, chunksize, true);
  }

  @Override
  public <T, R> ResultIterator<R> imapUnordered(
      SerializableFunction<? super T, ? extends R> function, Iterator<T> items) {
    return imap(function, items, () -> {}, 1, false);
  }

  @Override
  public <T, R> ResultIterator<R> imapUnordered(
      SerializableFunction<? super T, ? extends R> function, Iterator<T> items, int chunksize) {
    requireChunksize(chunksize);
    return imap(function, items, () -> {}, chunksize, false);
  }

  @Override
  public <T, R> ResultIterator<R> imapUnordered(
      SerializableFunction<? super T, ? extends R> function, Stream<T> items) {
    return imap(function, items, 1, false);
  }

  @Override
  public <T, R> ResultIterator<R> imapUnordered(
      SerializableFunction<? super T, ? extends R> function, Stream<T> items, int chunksize) {
    requireChunksize(chunksize);
    return imap(function, items, chunksize, false);
  }

  @Override
  public PoolExecutorService asExecutorService() {
    return new PoolExecutor(this, supervisor, encoder, callbacks, policy);
  }

  private <R> AsyncResult<R> submitOne(
      Object function,
      Object argument,
      Consumer<? super R> callback,
      Consumer<? super Throwable> errorCallback) {
    ApplyJob<R> job = new ApplyJob<>();
    Task task = encoder.encode(function, new Object[] {argument}, 0, job, policy);
    PendingResult<R> result =
        new PendingResult<R>(callbacks, mayInterrupt -> supervisor.cancel(task, mayInterrupt), task)
            .withCallbacks(callback, errorCallback);
    job.start(result);
    supervisor.submit(List.of(task));
    return result;
  }

  private <R> AsyncResult<List<R>> submitMap(
      Object function,
      List<Object> items,
      int chunksize,
      Consumer<? super List<R>> callback,
      Consumer<? super Throwable> errorCallback) {
    MapJob<R> job = new MapJob<>(items.size(), supervisor::cancel);
    List<Task> tasks = new ArrayList<>();
    for (int first = 0; first < items.size(); first += chunksize) {
      Object[] chunk = items.subList(first, Math.min(items.size(), first + chunksize)).toArray();
      tasks.add(encoder.encode(function, chunk, first, job, policy));
    }
    String description = "map of " + items.size() + " items in " + tasks.size() + " tasks";
    PendingResult<List<R>> result =
        new PendingResult<List<R>>(callbacks, job::cancel, description)
            .withCallbacks(callback, errorCallback);
    job.start(result, tasks);
    if (tasks.isEmpty()) {
      supervisor.checkAccepting();
      result.complete(new ArrayList<>());
    } else {
      supervisor.submit(tasks);
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
    // Checked before the iterator is taken: taking it may open a file or start a computation.
    supervisor.checkAccepting();
    return imap(function, items.iterator(), () -> {}, chunksize, ordered);
  }

  private <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function,
      Stream<T> items,
      int chunksize,
      boolean ordered) {
    requireNonNull(function, "function");
    requireNonNull(items, "items");
    supervisor.checkAccepting();
    return imap(function, items.iterator(), items::close, chunksize, ordered);
  }

  private <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function,
      Iterator<T> input,
      Runnable closeInput,
      int chunksize,
      boolean ordered) {
    requireNonNull(function, "function");
    requireNonNull(input, "items");
    supervisor.checkAccepting();
    return new ImapIterator<T, R>(
        input,
        closeInput,
        chunksize,
        8 * processes(),
        ordered,
        new ImapIterator.ChunkSubmitter() {
          @Override
          public Task encode(Object[] chunk, int firstIndex, TaskListener listener) {
            return encoder.encode(function, chunk, firstIndex, listener, policy);
          }

          @Override
          public void submit(Task task) {
            supervisor.submit(List.of(task));
          }

          @Override
          public void cancel(Task task) {
            supervisor.cancel(task, false);
          }
        });
  }

  // ---- lifecycle ----

  @Override
  public Pool withTaskTimeout(Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    return new ProcessPool(spec, supervisor, encoder, callbacks, policy.withTimeout(timeout));
  }

  @Override
  public Pool withRetries(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
    }
    return new ProcessPool(spec, supervisor, encoder, callbacks, policy.withRetries(retries));
  }

  @Override
  public PoolStatistics statistics() {
    return supervisor.statistics();
  }

  @Override
  public void shutdown() {
    supervisor.shutdown();
  }

  @Override
  public void terminate() {
    supervisor.terminate();
  }

  @Override
  public void join() throws InterruptedException {
    supervisor.join();
    callbacks.awaitQueued(Long.MAX_VALUE);
  }

  @Override
  public boolean join(Duration timeout) throws InterruptedException {
    requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    return supervisor.join(timeout) && callbacks.awaitQueued(deadline - System.nanoTime());
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
    return supervisor.isShutdown();
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
        + processes()
        + " processes, transport "
        + spec.transport().name()
        + ", serializer "
        + spec.serializer().name()
        + (policy.timeout() == null ? "" : ", task timeout " + policy.timeout())
        + (policy.retries() == 0 ? "" : ", " + policy.retries() + " retries")
        + (isShutdown() ? ", shut down" : ", running")
        + "]";
  }

  // ---- argument checks ----

  private int defaultChunksize(int items) {
    int workers = 4 * processes();
    return Math.max(1, (items + workers - 1) / workers);
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
}
