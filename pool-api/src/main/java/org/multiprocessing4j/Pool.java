package org.multiprocessing4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.multiprocessing4j.spi.PoolFactory;
import org.multiprocessing4j.spi.PoolSpec;
import org.multiprocessing4j.spi.Providers;
import org.multiprocessing4j.spi.SerializerProvider;
import org.multiprocessing4j.spi.TransportProvider;

/**
 * A pool of worker JVMs that run tasks: Python's {@code multiprocessing.Pool}.
 *
 * <p>Tasks are lambdas or method references written against the serializable functional interfaces
 * of this package; they and their arguments are serialized when submitted, so an object that cannot
 * cross to a worker fails the submitting call at once with a {@link SerializationException}.
 * Results come back in the order Python gives them: {@code map} and {@code imap} keep input order,
 * {@code imapUnordered} yields in completion order.
 *
 * <pre>{@code
 * try (Pool pool = Pool.create(4)) {
 *   List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 * }
 * }</pre>
 *
 * <p>Lifecycle: {@link #shutdown()} is Python's {@code close()} (no new tasks; workers exit once
 * the queue is drained), {@link #terminate()} kills the workers at once, {@link #join()} waits for
 * the workers to exit. {@link #close()}, which try-with-resources calls, is {@code shutdown()}
 * followed by {@code join()}: it drains submitted work, then releases the workers. (Python's {@code
 * with Pool()} calls {@code terminate()} instead.)
 *
 * <p>Callbacks and {@link AsyncResult#toCompletableFuture()} dependents run on the pool's callback
 * executor, never on the thread that reads results, so a slow or throwing callback cannot delay or
 * break other results. A callback's exception is logged with the task.
 *
 * <p>Implementations are thread-safe.
 */
public interface Pool extends AutoCloseable {

  /**
   * Returns a builder for a pool with the defaults: one worker per available processor, the
   * highest-priority transport and serializer found on the classpath.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a pool of {@code processes} workers with the other settings at their defaults.
   *
   * @param processes how many worker JVMs
   * @return the running pool
   * @throws IllegalArgumentException if {@code processes < 1}
   * @throws IllegalStateException if no pool implementation, transport or serializer is on the
   *     classpath; the message names the artifact to add
   */
  static Pool create(int processes) {
    return builder().processes(processes).build();
  }

  /**
   * Runs {@code task} in a worker and waits for its result: Python's {@code apply}.
   *
   * @param task the task
   * @param <R> the result type
   * @return the task's result
   * @throws InterruptedException if the calling thread is interrupted while waiting (the task keeps
   *     running)
   * @throws ExecutionException if the task failed; the cause is the task's exception
   * @throws CancellationException if the pool was terminated before the task completed
   * @throws SerializationException if the task cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <R> R apply(SerializableCallable<? extends R> task)
      throws InterruptedException, ExecutionException;

  /**
   * Runs {@code function.apply(argument)} in a worker and waits for its result: Python's {@code
   * apply(func, (arg,))}.
   *
   * @param function the function
   * @param argument its argument
   * @param <T> the argument type
   * @param <R> the result type
   * @return the function's result
   * @throws InterruptedException if the calling thread is interrupted while waiting
   * @throws ExecutionException if the function failed; the cause is its exception
   * @throws CancellationException if the pool was terminated before the task completed
   * @throws SerializationException if the function or argument cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> R apply(SerializableFunction<? super T, ? extends R> function, T argument)
      throws InterruptedException, ExecutionException;

  /**
   * Submits {@code task} and returns at once: Python's {@code apply_async}.
   *
   * @param task the task
   * @param <R> the result type
   * @return the pending result
   * @throws SerializationException if the task cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <R> AsyncResult<R> applyAsync(SerializableCallable<? extends R> task);

  /**
   * Submits a task that returns nothing, for example {@code pool.applyAsync(() -> report(i))}.
   *
   * @param task the task
   * @return the pending result, whose value is {@code null}
   * @throws SerializationException if the task cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  AsyncResult<Void> applyAsync(SerializableRunnable task);

  /**
   * Submits {@code task}; exactly one of {@code callback} or {@code errorCallback} runs when it
   * ends, on the pool's callback executor: Python's {@code apply_async(func, args, callback,
   * error_callback)}.
   *
   * @param task the task
   * @param callback receives the result; may be {@code null}
   * @param errorCallback receives the failure (the task's exception, a {@link WorkerDiedException},
   *     or a {@link CancellationException}); may be {@code null}
   * @param <R> the result type
   * @return the pending result
   * @throws SerializationException if the task cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <R> AsyncResult<R> applyAsync(
      SerializableCallable<? extends R> task,
      Consumer<? super R> callback,
      Consumer<? super Throwable> errorCallback);

  /**
   * Submits {@code function.apply(argument)} and returns at once: Python's {@code apply_async(func,
   * (arg,))}.
   *
   * @param function the function
   * @param argument its argument
   * @param <T> the argument type
   * @param <R> the result type
   * @return the pending result
   * @throws SerializationException if the function or argument cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> AsyncResult<R> applyAsync(
      SerializableFunction<? super T, ? extends R> function, T argument);

  /**
   * Submits {@code function.apply(argument)} with callbacks; see {@link
   * #applyAsync(SerializableCallable, Consumer, Consumer)}.
   *
   * @param function the function
   * @param argument its argument
   * @param callback receives the result; may be {@code null}
   * @param errorCallback receives the failure; may be {@code null}
   * @param <T> the argument type
   * @param <R> the result type
   * @return the pending result
   * @throws SerializationException if the function or argument cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> AsyncResult<R> applyAsync(
      SerializableFunction<? super T, ? extends R> function,
      T argument,
      Consumer<? super R> callback,
      Consumer<? super Throwable> errorCallback);

  /**
   * Applies {@code function} to every item in a worker and waits for the results, in input order:
   * Python's {@code map}. Items are sent in chunks of Python's default size, {@code ceil(n / (4 ×
   * processes))}.
   *
   * <p>Fails fast: the first failing item's exception fails the call, and the chunks not yet
   * started are cancelled.
   *
   * @param function the function
   * @param items the inputs; read completely before the call returns
   * @param <T> the item type
   * @param <R> the result type
   * @return the results, in input order
   * @throws InterruptedException if the calling thread is interrupted while waiting
   * @throws ExecutionException if an item failed; the cause is the first failure
   * @throws CancellationException if the pool was terminated before the call completed
   * @throws SerializationException if the function or an item cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> List<R> map(SerializableFunction<? super T, ? extends R> function, Iterable<T> items)
      throws InterruptedException, ExecutionException;

  /**
   * Like {@link #map(SerializableFunction, Iterable)}, with {@code chunksize} items per task.
   *
   * @param function the function
   * @param items the inputs
   * @param chunksize how many items each task carries
   * @param <T> the item type
   * @param <R> the result type
   * @return the results, in input order
   * @throws IllegalArgumentException if {@code chunksize < 1}
   * @throws InterruptedException if the calling thread is interrupted while waiting
   * @throws ExecutionException if an item failed; the cause is the first failure
   * @throws SerializationException if the function or an item cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> List<R> map(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items, int chunksize)
      throws InterruptedException, ExecutionException;

  /**
   * Submits a {@code map} and returns at once: Python's {@code map_async}.
   *
   * @param function the function
   * @param items the inputs; read completely before this call returns
   * @param <T> the item type
   * @param <R> the result type
   * @return the pending list of results, in input order
   * @throws SerializationException if the function or an item cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> AsyncResult<List<R>> mapAsync(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items);

  /**
   * Submits a {@code map} with a chunk size and callbacks: Python's {@code map_async(func,
   * iterable, chunksize, callback, error_callback)}. {@code callback} receives the whole list once;
   * {@code errorCallback} receives the first failure once.
   *
   * @param function the function
   * @param items the inputs
   * @param chunksize how many items each task carries
   * @param callback receives the results; may be {@code null}
   * @param errorCallback receives the first failure; may be {@code null}
   * @param <T> the item type
   * @param <R> the result type
   * @return the pending list of results, in input order
   * @throws IllegalArgumentException if {@code chunksize < 1}
   * @throws SerializationException if the function or an item cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> AsyncResult<List<R>> mapAsync(
      SerializableFunction<? super T, ? extends R> function,
      Iterable<T> items,
      int chunksize,
      Consumer<? super List<R>> callback,
      Consumer<? super Throwable> errorCallback);

  /**
   * Applies a two-argument function to every pair: Python's {@code starmap(func, [(a, b), ...])},
   * with pairs as {@link Map.Entry}, for example {@code Map.entry(1, 2)}.
   *
   * @param function the function
   * @param pairs the argument pairs
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return the results, in input order
   * @throws InterruptedException if the calling thread is interrupted while waiting
   * @throws ExecutionException if a call failed; the cause is the first failure
   * @throws SerializationException if the function or an argument cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <A, B, R> List<R> starmap(
      SerializableBiFunction<? super A, ? super B, ? extends R> function,
      Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs)
      throws InterruptedException, ExecutionException;

  /**
   * Like {@link #starmap(SerializableBiFunction, Iterable)}, with {@code chunksize} pairs per task.
   *
   * @param function the function
   * @param pairs the argument pairs
   * @param chunksize how many pairs each task carries
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return the results, in input order
   * @throws IllegalArgumentException if {@code chunksize < 1}
   * @throws InterruptedException if the calling thread is interrupted while waiting
   * @throws ExecutionException if a call failed; the cause is the first failure
   * @throws SerializationException if the function or an argument cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <A, B, R> List<R> starmap(
      SerializableBiFunction<? super A, ? super B, ? extends R> function,
      Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs,
      int chunksize)
      throws InterruptedException, ExecutionException;

  /**
   * Submits a {@code starmap} and returns at once: Python's {@code starmap_async}.
   *
   * @param function the function
   * @param pairs the argument pairs
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return the pending list of results, in input order
   * @throws SerializationException if the function or an argument cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <A, B, R> AsyncResult<List<R>> starmapAsync(
      SerializableBiFunction<? super A, ? super B, ? extends R> function,
      Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs);

  /**
   * Submits a {@code starmap} with a chunk size and callbacks.
   *
   * @param function the function
   * @param pairs the argument pairs
   * @param chunksize how many pairs each task carries
   * @param callback receives the results; may be {@code null}
   * @param errorCallback receives the first failure; may be {@code null}
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @return the pending list of results, in input order
   * @throws IllegalArgumentException if {@code chunksize < 1}
   * @throws SerializationException if the function or an argument cannot be serialized
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <A, B, R> AsyncResult<List<R>> starmapAsync(
      SerializableBiFunction<? super A, ? super B, ? extends R> function,
      Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs,
      int chunksize,
      Consumer<? super List<R>> callback,
      Consumer<? super Throwable> errorCallback);

  /**
   * Applies {@code function} to every item, lazily, yielding results in input order: Python's
   * {@code imap} with chunksize 1. The input is read on the consuming thread with a bounded number
   * of tasks in flight, so it may be infinite.
   *
   * @param function the function
   * @param items the inputs
   * @param <T> the item type
   * @param <R> the result type
   * @return an iterator over the results
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items);

  /**
   * Like {@link #imap(SerializableFunction, Iterable)}, with {@code chunksize} items per task.
   *
   * @param function the function
   * @param items the inputs
   * @param chunksize how many items each task carries
   * @param <T> the item type
   * @param <R> the result type
   * @return an iterator over the results
   * @throws IllegalArgumentException if {@code chunksize < 1}
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items, int chunksize);

  /**
   * Like {@link #imap(SerializableFunction, Iterable)}, but yields results in completion order:
   * Python's {@code imap_unordered}.
   *
   * @param function the function
   * @param items the inputs
   * @param <T> the item type
   * @param <R> the result type
   * @return an iterator over the results
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> ResultIterator<R> imapUnordered(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items);

  /**
   * Like {@link #imapUnordered(SerializableFunction, Iterable)}, with {@code chunksize} items per
   * task.
   *
   * @param function the function
   * @param items the inputs
   * @param chunksize how many items each task carries
   * @param <T> the item type
   * @param <R> the result type
   * @return an iterator over the results
   * @throws IllegalArgumentException if {@code chunksize < 1}
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> ResultIterator<R> imapUnordered(
      SerializableFunction<? super T, ? extends R> function, Iterable<T> items, int chunksize);

  /**
   * Like {@link #imap(SerializableFunction, Iterable)}, reading {@code items} as the results are
   * consumed: an infinite iterator works.
   *
   * @param function the function
   * @param items the inputs, read on the consuming thread
   * @param <T> the item type
   * @param <R> the result type
   * @return an iterator over the results, in input order
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function, Iterator<T> items);

  /**
   * Like {@link #imap(SerializableFunction, Iterator)}, with {@code chunksize} items per task.
   *
   * @param function the function
   * @param items the inputs
   * @param chunksize how many items each task carries
   * @param <T> the item type
   * @param <R> the result type
   * @return an iterator over the results, in input order
   * @throws IllegalArgumentException if {@code chunksize < 1}
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function, Iterator<T> items, int chunksize);

  /**
   * Like {@link #imap(SerializableFunction, Iterable)}, pulling {@code items} from the stream as
   * the results are consumed: an infinite stream works, for example {@code Stream.iterate(0, i -> i
   * + 1)}. Closing the returned iterator also closes the stream, so that {@code try (var results =
   * pool.imap(f, Files.lines(path)))} releases the file.
   *
   * @param function the function
   * @param items the inputs, read on the consuming thread
   * @param <T> the item type
   * @param <R> the result type
   * @return an iterator over the results, in input order
   * @throws IllegalStateException if the pool is shut down or broken, or the stream was already
   *     operated upon or closed
   */
  <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function, Stream<T> items);

  /**
   * Like {@link #imap(SerializableFunction, Stream)}, with {@code chunksize} items per task.
   *
   * @param function the function
   * @param items the inputs
   * @param chunksize how many items each task carries
   * @param <T> the item type
   * @param <R> the result type
   * @return an iterator over the results, in input order
   * @throws IllegalArgumentException if {@code chunksize < 1}
   * @throws IllegalStateException if the pool is shut down or broken, or the stream was already
   *     operated upon or closed
   */
  <T, R> ResultIterator<R> imap(
      SerializableFunction<? super T, ? extends R> function, Stream<T> items, int chunksize);

  /**
   * Like {@link #imap(SerializableFunction, Iterator)}, yielding results in completion order.
   *
   * @param function the function
   * @param items the inputs
   * @param <T> the item type
   * @param <R> the result type
   * @return an iterator over the results, in completion order
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> ResultIterator<R> imapUnordered(
      SerializableFunction<? super T, ? extends R> function, Iterator<T> items);

  /**
   * Like {@link #imapUnordered(SerializableFunction, Iterator)}, with {@code chunksize} items per
   * task.
   *
   * @param function the function
   * @param items the inputs
   * @param chunksize how many items each task carries
   * @param <T> the item type
   * @param <R> the result type
   * @return an iterator over the results, in completion order
   * @throws IllegalArgumentException if {@code chunksize < 1}
   * @throws IllegalStateException if the pool is shut down or broken
   */
  <T, R> ResultIterator<R> imapUnordered(
      SerializableFunction<? super T, ? extends R> function, Iterator<T> items, int chunksize);

  /**
   * Like {@link #imap(SerializableFunction, Stream)}, yielding results in completion order.
   *
   * @param function the function
   * @param items the inputs
   * @param <T> the item type
   * @param <R> the result type
   * @return an iterator over the results, in completion order
   * @throws IllegalStateException if the pool is shut down or broken, or the stream was already
   *     operated upon or closed
   */
  <T, R> ResultIterator<R> imapUnordered(
      SerializableFunction<? super T, ? extends R> function, Stream<T> items);

  /**
   * Like {@link #imapUnordered(SerializableFunction, Stream)}, with {@code chunksize} items per
   * task.
   *
   * @param function the function
   * @param items the inputs
   * @param chunksize how many items each task carries
   * @param <T> the item type
   * @param <R> the result type
   * @return an iterator over the results, in completion order
   * @throws IllegalArgumentException if {@code chunksize < 1}
   * @throws IllegalStateException if the pool is shut down or broken, or the stream was already
   *     operated upon or closed
   */
  <T, R> ResultIterator<R> imapUnordered(
      SerializableFunction<? super T, ? extends R> function, Stream<T> items, int chunksize);

  /**
   * Stops accepting tasks; the workers exit once every submitted task has completed: Python's
   * {@code close()}. Does not block. Idempotent.
   */
  void shutdown();

  /**
   * Kills every worker now: Python's {@code terminate()}. Tasks not yet completed are cancelled:
   * their results throw {@link CancellationException}. Blocks until the worker processes have
   * exited. Idempotent.
   */
  void terminate();

  /**
   * Waits until every worker has exited: Python's {@code join()}. When it returns, every line the
   * workers wrote has been passed to the pool's {@code workerOutput}, and every callback and {@code
   * CompletableFuture} dependent queued on the pool's own callback thread has run (on a {@code
   * callbackExecutor} of the caller's, only the former: the pool cannot see that executor's queue).
   * Called from a callback, it does not wait for the callbacks, which would wait for it.
   *
   * @throws IllegalStateException if neither {@link #shutdown()} nor {@link #terminate()} has been
   *     called (the wait would never end)
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  void join() throws InterruptedException;

  /**
   * Waits at most {@code timeout} until every worker has exited, with the guarantees of {@link
   * #join()}.
   *
   * @param timeout how long to wait at most
   * @return {@code true} if the workers exited, {@code false} if the timeout passed first
   * @throws IllegalStateException if neither {@link #shutdown()} nor {@link #terminate()} has been
   *     called
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  boolean join(Duration timeout) throws InterruptedException;

  /**
   * Drains and releases the pool: {@link #shutdown()}, then {@link #join()}. If the calling thread
   * is interrupted while waiting, the pool is {@linkplain #terminate() terminated} and the
   * interrupt status is restored. Idempotent.
   */
  @Override
  void close();

  /**
   * Returns a view of this pool whose tasks are stopped after {@code timeout}: the worker running
   * such a task is killed and replaced, and the task fails with a {@link TaskTimeoutException} (for
   * {@code map}, the timeout applies to each chunk). The view shares this pool's workers and
   * lifecycle; the time a task waits in the queue does not count.
   *
   * @param timeout how long a task may run
   * @return a view with that timeout
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  Pool withTaskTimeout(Duration timeout);

  /**
   * Returns a view of this pool whose tasks are sent again, up to {@code retries} times, when the
   * worker running them dies; only then does the task fail with a {@link WorkerDiedException}.
   * Exceptions thrown by a task and timeouts are never retried. Shares this pool's workers and
   * lifecycle.
   *
   * @param retries how many times to retry, 0 to fail at once
   * @return a view with that retry policy
   * @throws IllegalArgumentException if {@code retries < 0}
   */
  Pool withRetries(int retries);

  /**
   * Returns this pool as an {@link java.util.concurrent.ExecutorService}, for code that takes one:
   * Python's {@code concurrent.futures.ProcessPoolExecutor}. Tasks must be serializable; see {@link
   * PoolExecutorService}. The view follows this pool's (or view's) task timeout and retries, and
   * its lifecycle is the pool's: shutting it down shuts the pool down.
   *
   * <p>A view rather than {@code Pool} implementing {@code ExecutorService}: the JDK's methods take
   * plain {@code Callable} and {@code Runnable}, so their serializability can only be checked when
   * they run, whereas every task method of {@code Pool} is checked by the compiler; and {@code
   * Pool}'s lifecycle keeps Python's names and meanings ({@code shutdown}, {@code terminate},
   * {@code join}), while {@code shutdownNow} must hand back the tasks that never started.
   *
   * @return the executor view; cheap, every call returns a new one
   */
  PoolExecutorService asExecutorService();

  /**
   * Returns what the pool has done so far. Never blocks for long.
   *
   * @return a snapshot of the pool's counters
   */
  PoolStatistics statistics();

  /**
   * Returns whether {@link #shutdown()} or {@link #terminate()} has been called.
   *
   * @return {@code true} if the pool accepts no more tasks
   */
  boolean isShutdown();

  /**
   * Returns how many workers the pool keeps running.
   *
   * @return the configured number of processes
   */
  int processes();

  /**
   * Configures and builds a {@link Pool}. Each setter validates its argument at once and throws
   * {@link IllegalArgumentException} naming it.
   */
  final class Builder {
    private static final AtomicInteger POOL_NUMBERS = new AtomicInteger();
    private static final int DEFAULT_MAX_FRAME_SIZE = 256 << 20;

    private String name;
    private int processes = Runtime.getRuntime().availableProcessors();
    private SerializableRunnable initializer;
    private int maxTasksPerChild;
    private final List<String> jvmOptions = new ArrayList<>();
    private String transportName;
    private TransportProvider transport;
    private String serializerName;
    private SerializerProvider serializer;
    private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
    private Executor callbackExecutor;
    private WorkerOutput workerOutput;
    private ClassLoader classLoader;
    private String classpath;
    private Path javaExecutable;
    private Duration startTimeout = Duration.ofSeconds(60);
    private Duration taskTimeout;
    private int retries;
    private int maxWorkerDeaths = -1;
    private Duration workerDeathWindow = Duration.ofMinutes(1);
    private boolean classDataSharing = true;
    private Path classDataArchive;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path workingDirectory;
    private boolean inheritSystemProperties;

    Builder() {}

    /**
     * Names the pool; worker names are {@code <name>-worker-<n>}. Default {@code pool-<n>}.
     *
     * @param name the pool's name
     * @return this builder
     */
    public Builder name(String name) {
      requireNonBlank(name, "name");
      this.name = name;
      return this;
    }

    /**
     * Sets how many worker JVMs run tasks: Python's {@code processes}. Default: {@link
     * Runtime#availableProcessors()}.
     *
     * @param processes the number of workers
     * @return this builder
     * @throws IllegalArgumentException if {@code processes < 1}
     */
    public Builder processes(int processes) {
      if (processes < 1) {
        throw new IllegalArgumentException(
            "processes must be at least 1, got " + processes + " (Python: ValueError)");
      }
      this.processes = processes;
      return this;
    }

    /**
     * Sets a task run once in every new worker before its first task: Python's {@code initializer}
     * with its {@code initargs} captured by the lambda. If it throws, the pool is broken: waiting
     * tasks fail with {@link BrokenPoolException} and no worker is respawned.
     *
     * @param initializer the initializer
     * @return this builder
     */
    public Builder initializer(SerializableRunnable initializer) {
      this.initializer = Objects.requireNonNull(initializer, "initializer");
      return this;
    }

    /**
     * Replaces a worker with a fresh JVM after it has run {@code maxTasksPerChild} tasks (a map
     * chunk counts as one): Python's {@code maxtasksperchild}. Default: never.
     *
     * @param maxTasksPerChild the number of tasks per worker
     * @return this builder
     * @throws IllegalArgumentException if {@code maxTasksPerChild < 1}
     */
    public Builder maxTasksPerChild(int maxTasksPerChild) {
      if (maxTasksPerChild < 1) {
        throw new IllegalArgumentException(
            "maxTasksPerChild must be a positive number, got "
                + maxTasksPerChild
                + "; leave it unset to keep workers for the pool's lifetime");
      }
      this.maxTasksPerChild = maxTasksPerChild;
      return this;
    }

    /**
     * Adds options for every worker JVM, for example {@code "-Xmx2g"}, after the pool's own.
     *
     * @param options JVM options
     * @return this builder
     * @throws IllegalArgumentException if an option is blank
     */
    public Builder jvmOptions(String... options) {
      for (String option : options) {
        requireNonBlank(option, "jvmOptions");
      }
      jvmOptions.addAll(Arrays.asList(options));
      return this;
    }

    /**
     * Chooses the transport by name, for example {@code "pipe"} or {@code "socket"}. Default: the
     * available transport with the highest priority.
     *
     * @param name the transport's name
     * @return this builder
     */
    public Builder transport(String name) {
      requireNonBlank(name, "transport");
      this.transportName = name;
      this.transport = null;
      return this;
    }

    /**
     * Uses the given transport. Its class must also be listed for {@link java.util.ServiceLoader}
     * on the workers' classpath, where the worker finds it by name.
     *
     * @param transport the transport provider
     * @return this builder
     */
    public Builder transport(TransportProvider transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      this.transportName = null;
      return this;
    }

    /**
     * Chooses the serializer by name, for example {@code "kryo"}. Default: the available serializer
     * with the highest priority.
     *
     * @param name the serializer's name
     * @return this builder
     */
    public Builder serializer(String name) {
      requireNonBlank(name, "serializer");
      this.serializerName = name;
      this.serializer = null;
      return this;
    }

    /**
     * Uses the given serializer; like {@link #transport(TransportProvider)}, workers find it by
     * name.
     *
     * @param serializer the serializer provider
     * @return this builder
     */
    public Builder serializer(SerializerProvider serializer) {
      this.serializer = Objects.requireNonNull(serializer, "serializer");
      this.serializerName = null;
      return this;
    }

    /**
     * Sets the largest frame, in bytes, either side may send; a task or result larger than this
     * fails with a {@link SerializationException}. Default 256 MiB.
     *
     * @param bytes the maximum frame size
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes < 1024}
     */
    public Builder maxFrameSize(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException(
            "maxFrameSize must be at least 1024 bytes, got " + bytes);
      }
      this.maxFrameSize = bytes;
      return this;
    }

    /**
     * Sets where callbacks and {@link AsyncResult#toCompletableFuture()} views run. Default: one
     * thread of the pool's own, so callbacks run one at a time, in completion order.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder callbackExecutor(Executor executor) {
      this.callbackExecutor = Objects.requireNonNull(executor, "callbackExecutor");
      return this;
    }

    /**
     * Sets where worker output lines go. Default: the SLF4J logger {@code
     * org.multiprocessing4j.worker}, or this JVM's stderr when SLF4J has no provider.
     *
     * @param output the receiver of worker output
     * @return this builder
     */
    public Builder workerOutput(WorkerOutput output) {
      this.workerOutput = Objects.requireNonNull(output, "workerOutput");
      return this;
    }

    /**
     * Sets the class loader that finds providers and loads the classes named in results. Default:
     * the context class loader of the thread that calls {@link #build()}.
     *
     * @param classLoader the class loader
     * @return this builder
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /**
     * Sets the workers' classpath. Every class a task uses, and the pool's own modules, must be on
     * it. Default: derived from where this JVM's classes come from: the class loaders of the pool,
     * its transport and serializer, and the {@linkplain #classLoader class loader}, walked to the
     * JDK's ({@code java.class.path} for its application loader, the URLs of each {@link
     * java.net.URLClassLoader} such as those of {@code mvn exec:java}, servlet containers and IDEs;
     * the nested jars of a Spring Boot executable jar unpacked once into {@code
     * multiprocessing4j/jars} in the user's cache directory). Relative entries are resolved against
     * this JVM's working directory.
     *
     * @param classpath the classpath, entries separated by the platform's path separator
     * @return this builder
     * @throws IllegalArgumentException if {@code classpath} is null or blank
     */
    public Builder classpath(String classpath) {
      requireNonBlank(classpath, "classpath");
      this.classpath = classpath;
      return this;
    }

    /**
     * Sets the {@code java} launcher for workers. Default: the one running this JVM.
     *
     * @param javaExecutable the path to a {@code java} executable
     * @return this builder
     * @throws IllegalArgumentException if the file is not executable
     */
    public Builder javaExecutable(Path javaExecutable) {
      Objects.requireNonNull(javaExecutable, "javaExecutable");
      if (!Files.isExecutable(javaExecutable)) {
        throw new IllegalArgumentException(
            "javaExecutable " + javaExecutable + " is not an executable file");
      }
      this.javaExecutable = javaExecutable;
      return this;
    }

    /**
     * Sets how long a worker may take to start its JVM and connect. Default 60 seconds.
     *
     * @param timeout the start timeout
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = requirePositive(timeout, "startTimeout");
      return this;
    }

    /**
     * Stops every task that runs longer than {@code timeout}; see {@link
     * Pool#withTaskTimeout(Duration)}. Default: no timeout.
     *
     * @param timeout how long a task may run
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder taskTimeout(Duration timeout) {
      this.taskTimeout = requirePositive(timeout, "taskTimeout");
      return this;
    }

    /**
     * Retries a task up to {@code retries} times when its worker dies; see {@link
     * Pool#withRetries(int)}. Default 0.
     *
     * @param retries how many times to retry
     * @return this builder
     * @throws IllegalArgumentException if {@code retries < 0}
     */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
      }
      this.retries = retries;
      return this;
    }

    /**
     * Breaks the pool when more than {@code deaths} workers die unexpectedly within {@code window},
     * instead of replacing them forever: a pool that keeps crashing reports why (a {@link
     * BrokenPoolException} quoting the last crashes). Default: {@code 4 × processes + 4} deaths per
     * minute.
     *
     * @param deaths how many unexpected worker deaths the window tolerates
     * @param window the sliding window
     * @return this builder
     * @throws IllegalArgumentException if {@code deaths < 1} or {@code window} is not positive
     */
    public Builder maxWorkerDeaths(int deaths, Duration window) {
      if (deaths < 1) {
        throw new IllegalArgumentException("maxWorkerDeaths must be at least 1, got " + deaths);
      }
      this.workerDeathWindow = requirePositive(window, "window");
      this.maxWorkerDeaths = deaths;
      return this;
    }

    /**
     * Sets the directory that keeps the workers' class-data archives. A worker that starts with an
     * archive maps the classes that an earlier worker loaded, already parsed and verified, instead
     * of reading them from the jars: it reaches its first task in about half the time. The first
     * worker of a pool without an archive writes one when it exits (so that pool's {@link
     * Pool#close()} takes a moment longer); every later pool with the same JDK, classpath (jar
     * sizes and modification times included) and JVM options uses it. The directory is created,
     * readable by the owner only, if it does not exist; it holds a few archives of some megabytes
     * each, the least recently used beyond that are deleted. Default: {@code multiprocessing4j/cds}
     * in {@code $XDG_CACHE_HOME}, or else in {@code ~/.cache}.
     *
     * <p>Workers start without an archive, as if {@link #classDataSharing(boolean)
     * classDataSharing(false)} had been called, when they use another {@code java} than this JVM's,
     * when their classpath holds a non-empty directory (such as {@code target/classes}: the JVM
     * archives classes from jars only), or when their {@linkplain #jvmOptions JVM options} set up
     * class-data sharing themselves ({@code -Xshare}, {@code -XX:SharedArchiveFile} and the like).
     * An archive the JVM cannot use never stops a worker: it starts without, with a warning in its
     * output.
     *
     * @param directory where the archives are kept; only this user should be able to write to it,
     *     since workers load classes from it
     * @return this builder
     */
    public Builder classDataArchive(Path directory) {
      this.classDataArchive = Objects.requireNonNull(directory, "directory");
      this.classDataSharing = true;
      return this;
    }

    /**
     * Sets whether workers use a class-data archive; see {@link #classDataArchive(Path)}. Default
     * {@code true}.
     *
     * @param enabled {@code false} to start every worker without an archive and write none
     * @return this builder
     */
    public Builder classDataSharing(boolean enabled) {
      this.classDataSharing = enabled;
      return this;
    }

    /**
     * Sets an environment variable for every worker, on top of this JVM's environment, which
     * workers inherit. Later calls for the same name replace earlier ones.
     *
     * @param name the variable's name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is null, blank or holds {@code '='}
     * @throws NullPointerException if {@code value} is null
     */
    public Builder environment(String name, String value) {
      requireNonBlank(name, "environment variable name");
      if (name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "environment variable name must not contain '=' or NUL, got " + name);
      }
      Objects.requireNonNull(value, () -> "value of environment variable " + name);
      if (value.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "value of environment variable " + name + " must not contain NUL");
      }
      environment.put(name, value);
      return this;
    }

    /**
     * Sets environment variables for every worker; see {@link #environment(String, String)}.
     *
     * @param variables names and values
     * @return this builder
     * @throws IllegalArgumentException if a name is blank or holds {@code '='}
     * @throws NullPointerException if {@code variables}, a name or a value is null
     */
    public Builder environment(Map<String, String> variables) {
      Objects.requireNonNull(variables, "environment");
      variables.forEach(this::environment);
      return this;
    }

    /**
     * Sets the working directory of every worker. Default: this JVM's. Relative paths in {@link
     * #jvmOptions} are then resolved against it; the classpath is not affected.
     *
     * @param directory an existing directory
     * @return this builder
     * @throws IllegalArgumentException if {@code directory} is not an existing directory
     * @throws NullPointerException if {@code directory} is null
     */
    public Builder workingDirectory(Path directory) {
      Objects.requireNonNull(directory, "workingDirectory");
      if (!Files.isDirectory(directory)) {
        throw new IllegalArgumentException(
            "workingDirectory " + directory + " is not an existing directory");
      }
      this.workingDirectory = directory.toAbsolutePath();
      return this;
    }

    /**
     * Sets whether every worker starts with this JVM's system properties as they are when {@link
     * #build()} is called, except those the JVM sets itself ({@code java.*}, {@code jdk.*}, {@code
     * sun.*}, {@code os.*}, {@code user.*}, {@code file.*} and the separators and encodings): what
     * was set with {@code -D} or {@link System#setProperty}. They travel in a file only this user
     * can read, not on the command line. Options in {@link #jvmOptions} win over them. Default
     * {@code false}: a worker sees only the properties its own JVM sets.
     *
     * @param inherit {@code true} to copy the properties
     * @return this builder
     */
    public Builder inheritSystemProperties(boolean inherit) {
      this.inheritSystemProperties = inherit;
      return this;
    }

    /**
     * Creates the pool and starts its workers in the background; does not wait for them.
     *
     * @return the running pool
     * @throws IllegalStateException if no pool implementation, transport or serializer is on the
     *     classpath (the message names the artifact to add), or the workers' classpath lacks the
     *     pool's worker, transport or serializer classes (the message says what was found and tells
     *     to set {@link #classpath}); no worker is started then
     * @throws IllegalArgumentException if a transport or serializer was named that is not found
     */
    public Pool build() {
      return factory().create(spec());
    }

    /** The pool implementation on the classpath of the builder's class loader. */
    PoolFactory factory() {
      return Providers.best(
          PoolFactory.class, loader(), "pool implementation", "org.multiprocessing4j:pool-core");
    }

    private ClassLoader loader() {
      ClassLoader loader =
          classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
      return loader != null ? loader : Pool.class.getClassLoader();
    }

    /** The validated configuration, with the providers and defaults chosen. */
    PoolSpec spec() {
      ClassLoader loader = loader();
      String transports = "org.multiprocessing4j:transport-pipe or transport-socket";
      TransportProvider chosenTransport =
          transport != null
              ? transport
              : transportName != null
                  ? Providers.byName(
                      TransportProvider.class, transportName, loader, "transport", transports)
                  : Providers.best(TransportProvider.class, loader, "transport", transports);
      String serializers = "org.multiprocessing4j:serialization-kryo";
      SerializerProvider chosenSerializer =
          serializer != null
              ? serializer
              : serializerName != null
                  ? Providers.byName(
                      SerializerProvider.class, serializerName, loader, "serializer", serializers)
                  : Providers.best(SerializerProvider.class, loader, "serializer", serializers);
      return new PoolSpec(
          name != null ? name : "pool-" + POOL_NUMBERS.incrementAndGet(),
          processes,
          initializer,
          maxTasksPerChild,
          jvmOptions,
          chosenTransport,
          chosenSerializer,
          maxFrameSize,
          callbackExecutor,
          workerOutput,
          loader,
          classpath,
          javaExecutable != null
              ? javaExecutable
              : Path.of(System.getProperty("java.home"), "bin", "java"),
          startTimeout,
          taskTimeout,
          retries,
          maxWorkerDeaths > 0 ? maxWorkerDeaths : 4 * processes + 4,
          workerDeathWindow,
          !classDataSharing
              ? null
              : classDataArchive != null ? classDataArchive : defaultClassDataArchive(),
          environment,
          workingDirectory,
          inheritSystemProperties);
    }

    /** The XDG base directory convention, which Linux desktops and many tools follow. */
    private static Path defaultClassDataArchive() {
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path cache =
          xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
              ? Path.of(xdg)
              : Path.of(System.getProperty("user.home"), ".cache");
      return cache.resolve("multiprocessing4j").resolve("cds");
    }

    private static Duration requirePositive(Duration value, String argument) {
      Objects.requireNonNull(value, argument);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(argument + " must be positive, got " + value);
      }
      return value;
    }

    private static void requireNonBlank(String value, String argument) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(argument + " must not be null or blank");
      }
    }
  }
}
