package org.multiprocessing4j;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Pool} seen as an {@link ExecutorService}, for code that takes one and knows nothing of
 * this library: Python's {@code concurrent.futures.ProcessPoolExecutor}. Get one with {@link
 * Pool#asExecutorService()}.
 *
 * <p>Tasks run in the pool's worker JVMs, so they must be {@link Serializable}: a plain {@code
 * Callable} or {@code Runnable} lambda is not, and is refused with a {@link SerializationException}
 * that names it. Write it where a {@link SerializableCallable} is expected (a lambda then is
 * serializable), cast it to an intersection type such as {@code (Callable<T> & Serializable)}, or
 * make its class implement {@code Serializable}; everything it captures must be serializable too. A
 * {@code Callable} whose class implements {@code Serializable} is accepted as it is.
 *
 * <p>The view is the pool, not a separate executor: {@link #shutdown()} is {@link Pool#shutdown()},
 * {@link #shutdownNow()} terminates the pool, and {@link #awaitTermination} waits for its workers
 * to exit, whichever of the pool or its views was shut down. A task submitted here counts against
 * the pool like any other and follows the timeout and retries of the pool (or {@linkplain
 * Pool#withTaskTimeout view}) it came from. Cancelling with {@code mayInterruptIfRunning} kills the
 * worker running the task (the pool replaces it): a JVM cannot interrupt a thread in another JVM,
 * but it can stop it for real. {@link #invokeAll(Collection, long, TimeUnit)} and {@link
 * #invokeAny} cancel that way.
 *
 * <p>Memory consistency effects: actions in the worker are not visible to this JVM (it is another
 * process); what is visible is the deserialized result, which happens-before a successful return
 * from {@code Future.get}. Submitting a task serializes it, so later changes to it or to what it
 * captures are not seen by the worker.
 *
 * <p>Implementations are thread-safe.
 */
public interface PoolExecutorService extends ExecutorService, AutoCloseable {

  /**
   * Submits {@code task} to run in a worker; returns at once.
   *
   * @param task the task; must be {@link Serializable}
   * @param <T> the result type
   * @return the pending result, an {@link AsyncResult}; its {@code get} throws an {@link
   *     ExecutionException} whose cause is the task's exception, rebuilt here
   * @throws SerializationException if {@code task} is not Serializable or cannot be serialized:
   *     retrying, or running it elsewhere, would not help, so this is not a {@link
   *     RejectedExecutionException}
   * @throws RejectedExecutionException if the pool is shut down or broken
   * @throws NullPointerException if {@code task} is null
   */
  @Override
  <T> AsyncResult<T> submit(Callable<T> task);

  /**
   * Submits {@code task} to run in a worker; its result is {@code null}.
   *
   * @param task the task; must be {@link Serializable}
   * @return the pending result, whose value is {@code null}
   * @throws SerializationException if {@code task} is not Serializable or cannot be serialized
   * @throws RejectedExecutionException if the pool is shut down or broken
   * @throws NullPointerException if {@code task} is null
   */
  @Override
  AsyncResult<?> submit(Runnable task);

  /**
   * Submits {@code task} to run in a worker; once it has run, the result is {@code result} itself,
   * which stays in this JVM and need not be serializable.
   *
   * @param task the task; must be {@link Serializable}
   * @param result what the result completes with
   * @param <T> the result type
   * @return the pending result
   * @throws SerializationException if {@code task} is not Serializable or cannot be serialized
   * @throws RejectedExecutionException if the pool is shut down or broken
   * @throws NullPointerException if {@code task} is null
   */
  @Override
  <T> AsyncResult<T> submit(Runnable task, T result);

  /**
   * Runs {@code command} in a worker. As nobody can read its outcome, an exception it throws is
   * logged (the SLF4J logger of the pool implementation, level error), as a thread pool hands it to
   * the uncaught exception handler.
   *
   * @param command the task; must be {@link Serializable}
   * @throws SerializationException if {@code command} is not Serializable or cannot be serialized
   * @throws RejectedExecutionException if the pool is shut down or broken
   * @throws NullPointerException if {@code command} is null
   */
  @Override
  void execute(Runnable command);

  /**
   * Runs every task and waits until all have completed. Every task is checked and serialized before
   * any is submitted, so a task that cannot be sent leaves none running.
   *
   * @param tasks the tasks; each must be {@link Serializable}
   * @param <T> the result type
   * @return the completed results, in the order of {@code tasks}
   * @throws InterruptedException if interrupted while waiting; the tasks not completed are
   *     cancelled
   * @throws SerializationException if a task is not Serializable or cannot be serialized
   * @throws RejectedExecutionException if the pool is shut down or broken
   * @throws NullPointerException if {@code tasks} or one of them is null
   */
  @Override
  <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
      throws InterruptedException;

  /**
   * Runs every task and waits until all have completed or the timeout passes; the tasks not
   * completed by then are cancelled, with their workers killed if they are running. The time spent
   * serializing and submitting the tasks counts.
   *
   * @param tasks the tasks; each must be {@link Serializable}
   * @param timeout how long to wait at most
   * @param unit the unit of {@code timeout}
   * @param <T> the result type
   * @return the results, in the order of {@code tasks}, each completed or cancelled
   * @throws InterruptedException if interrupted while waiting; the tasks not completed are
   *     cancelled
   * @throws SerializationException if a task is not Serializable or cannot be serialized
   * @throws RejectedExecutionException if the pool is shut down or broken
   * @throws NullPointerException if {@code tasks}, one of them or {@code unit} is null
   */
  @Override
  <T> List<Future<T>> invokeAll(
      Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException;

  /**
   * Runs every task and returns the result of the first to succeed; the others are then cancelled,
   * with their workers killed if they are running.
   *
   * @param tasks the tasks; each must be {@link Serializable}
   * @param <T> the result type
   * @return the result of the task that succeeded first
   * @throws ExecutionException if every task failed; its cause is the last failure, and the earlier
   *     ones are its suppressed exceptions
   * @throws InterruptedException if interrupted while waiting; every task is cancelled
   * @throws IllegalArgumentException if {@code tasks} is empty
   * @throws SerializationException if a task is not Serializable or cannot be serialized
   * @throws RejectedExecutionException if the pool is shut down or broken
   * @throws NullPointerException if {@code tasks} or one of them is null
   */
  @Override
  <T> T invokeAny(Collection<? extends Callable<T>> tasks)
      throws InterruptedException, ExecutionException;

  /**
   * Like {@link #invokeAny(Collection)}, waiting at most the timeout.
   *
   * @param tasks the tasks; each must be {@link Serializable}
   * @param timeout how long to wait at most
   * @param unit the unit of {@code timeout}
   * @param <T> the result type
   * @return the result of the task that succeeded first
   * @throws TimeoutException if no task succeeded in time; every task is then cancelled
   * @throws ExecutionException if every task failed
   * @throws InterruptedException if interrupted while waiting; every task is cancelled
   * @throws IllegalArgumentException if {@code tasks} is empty
   * @throws SerializationException if a task is not Serializable or cannot be serialized
   * @throws RejectedExecutionException if the pool is shut down or broken
   * @throws NullPointerException if {@code tasks}, one of them or {@code unit} is null
   */
  @Override
  <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException;

  /**
   * Shuts the pool down: {@link Pool#shutdown()}. Tasks already submitted run to completion; new
   * ones are rejected. Does not block. Idempotent.
   */
  @Override
  void shutdown();

  /**
   * Terminates the pool, as {@link Pool#terminate()}: every worker is killed, so running tasks stop
   * for real, and every result not yet complete throws {@link CancellationException}. Returns the
   * tasks submitted through this pool's executor views that no worker had received, which therefore
   * never started: the {@code Runnable} given to {@link #execute}, or, for {@code submit} and
   * {@code invoke*}, a {@link java.util.concurrent.FutureTask} that runs the task in the calling
   * thread (its own future, not the cancelled one {@code submit} returned). A task a worker had
   * received may have started, so it is not returned. Tasks submitted with the pool's own methods
   * are cancelled and not returned. Blocks until the workers have exited.
   *
   * @return the tasks that never started, in submission order
   */
  @Override
  List<Runnable> shutdownNow();

  /**
   * Returns whether the pool is shut down, terminated or broken: {@link Pool#isShutdown()}. Never
   * blocks.
   *
   * @return {@code true} if the pool accepts no more tasks
   */
  @Override
  boolean isShutdown();

  /**
   * Returns whether the pool is shut down and every worker has exited: every task has completed,
   * failed or been cancelled. Never blocks.
   *
   * @return {@code true} if the pool has terminated
   */
  @Override
  boolean isTerminated();

  /**
   * Waits until the pool is shut down and every worker has exited, or the timeout passes. Unlike
   * {@link Pool#join()}, waiting on a pool that is still running is allowed: it returns {@code
   * false} after the timeout unless another thread shuts the pool down meanwhile.
   *
   * @param timeout how long to wait at most
   * @param unit the unit of {@code timeout}
   * @return {@code true} if the pool terminated, {@code false} if the timeout passed first
   * @throws InterruptedException if interrupted while waiting
   */
  @Override
  boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException;

  /**
   * Shuts the pool down and waits for it to terminate: Java 19's {@code ExecutorService.close()},
   * here so that try-with-resources works on Java 17. If interrupted while waiting, it calls {@link
   * #shutdownNow()}, keeps waiting for the workers to exit, and restores the interrupt status.
   * Idempotent.
   */
  @Override
  void close();
}
