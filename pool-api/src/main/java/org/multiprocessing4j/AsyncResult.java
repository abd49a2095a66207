package org.multiprocessing4j;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * The pending result of a task submitted to a {@link Pool}: Python's {@code AsyncResult}, as a
 * {@link Future}.
 *
 * <p>When the task fails in its worker, {@link #get()} throws an {@link ExecutionException} whose
 * cause is the task's exception, rebuilt in this JVM with its original type, message, remote stack
 * trace and cause chain, or a {@link RemoteException} carrying all of that when the type cannot be
 * rebuilt here. When the worker dies while running the task, the cause is a {@link
 * WorkerDiedException}.
 *
 * <p>Memory consistency effects: actions in the worker that produced the result are not visible to
 * this JVM (it is another process); the deserialization of the result happens-before a successful
 * return from {@code get}.
 *
 * @param <R> the result type
 */
public interface AsyncResult<R> extends Future<R> {

  /**
   * Waits, if necessary, at most {@code timeout} for the task and returns its result. On timeout
   * the task keeps running, as in Python.
   *
   * @param timeout how long to wait; zero or negative means do not wait
   * @return the result
   * @throws InterruptedException if the calling thread is interrupted while waiting
   * @throws ExecutionException if the task failed, with the failure as its cause
   * @throws TimeoutException if the result is not ready within {@code timeout}
   * @throws java.util.concurrent.CancellationException if the task was cancelled or the pool was
   *     terminated before the task completed
   */
  R get(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException;

  /**
   * Blocks until the task has completed, failed or been cancelled: Python's {@code wait()}.
   *
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  void waitFor() throws InterruptedException;

  /**
   * Blocks until the task has completed, failed or been cancelled, or until {@code timeout} passes:
   * Python's {@code wait(timeout)}.
   *
   * @param timeout how long to wait at most
   * @return {@code true} if the result is ready, {@code false} if the timeout passed first
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  boolean waitFor(Duration timeout) throws InterruptedException;

  /**
   * Returns whether the task has completed, failed or been cancelled: Python's {@code ready()}. The
   * same as {@link #isDone()}; never blocks.
   *
   * @return {@code true} if the result is ready
   */
  default boolean ready() {
    return isDone();
  }

  /**
   * Returns whether the task completed without an exception: Python's {@code successful()}. Never
   * blocks.
   *
   * @return {@code true} if the task completed normally, {@code false} if it failed or was
   *     cancelled
   * @throws IllegalStateException if the result is not ready yet
   */
  boolean successful();

  /**
   * Returns a {@link CompletableFuture} that completes with this result, on the pool's callback
   * executor. Dependent actions that do not name an executor run on the callback executor too,
   * never on the thread that reads results from workers nor on the thread that adds them: the
   * {@code *Async} ones (the future's {@link CompletableFuture#defaultExecutor() defaultExecutor}
   * is the callback executor, not the common fork-join pool), and the others, whether added before
   * or after completion. Futures derived from it ({@code thenApply} and the like) behave the same.
   * Once the pool has terminated, its own callback executor is gone: dependents added then run on
   * the thread that adds them (a {@linkplain Pool.Builder#callbackExecutor user's executor} that
   * rejects them does the same). Completing or cancelling the returned future does not affect the
   * task. Every call returns the same future.
   *
   * @return a future completed with the result, or exceptionally with the task's failure
   */
  CompletableFuture<R> toCompletableFuture();
}
