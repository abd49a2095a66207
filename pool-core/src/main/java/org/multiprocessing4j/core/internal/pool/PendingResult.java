package org.multiprocessing4j.core.internal.pool;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.multiprocessing4j.AsyncResult;

/**
 * The {@link AsyncResult} behind {@code applyAsync} and {@code mapAsync}. Completion only records
 * the outcome and hands callbacks to the callback executor, so the thread that reads results from
 * workers never runs user code.
 */
final class PendingResult<R> implements AsyncResult<R> {
  private final CompletableFuture<R> outcome = new CompletableFuture<>();
  private final Callbacks callbacks;
  private final Canceller canceller;
  private final Object description;
  private volatile String origin;
  private volatile CompletableFuture<R> view;

  /**
   * @param callbacks where callbacks and the {@link CompletableFuture} view run
   * @param canceller withdraws the work, or stops it if allowed to interrupt; returns whether it
   *     did
   * @param description names the work in messages through its {@code toString}, which runs only
   *     when a message needs it: building the text for every task would cost more than the task
   */
  PendingResult(Callbacks callbacks, Canceller canceller, Object description) {
    this.callbacks = callbacks;
    this.canceller = canceller;
    this.description = description;
  }

  /** Withdraws or stops the work behind a result. */
  interface Canceller {
    boolean cancel(boolean mayInterruptIfRunning);
  }

  /** Runs exactly one of the callbacks, on the callback executor, when the result is ready. */
  PendingResult<R> withCallbacks(
      Consumer<? super R> callback, Consumer<? super Throwable> errorCallback) {
    if (callback != null || errorCallback != null) {
      outcome.whenComplete(
          (value, failure) -> {
            if (failure == null) {
              if (callback != null) {
                callbacks.run(String.valueOf(description), () -> callback.accept(value));
              }
            } else if (errorCallback != null) {
              callbacks.run(
                  String.valueOf(description), () -> errorCallback.accept(unwrap(failure)));
            }
          });
    }
    return this;
  }

  boolean complete(R value) {
    return outcome.complete(value);
  }

  /** Fails the result; a {@link CancellationException} makes it cancelled. */
  boolean fail(Throwable cause, String where) {
    this.origin = where;
    return outcome.completeExceptionally(cause);
  }

  @Override
  public R get() throws InterruptedException, ExecutionException {
    try {
      return outcome.get();
    } catch (ExecutionException e) {
      throw explain(e.getCause());
    }
  }

  @Override
  public R get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return outcome.get(timeout, unit);
    } catch (ExecutionException e) {
      throw explain(e.getCause());
    } catch (TimeoutException e) {
      throw new TimeoutException(
          description + " not ready after " + unit.toMillis(timeout) + " ms; it keeps running");
    }
  }

  @Override
  public R get(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
    return get(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void waitFor() throws InterruptedException {
    try {
      outcome.get();
    } catch (ExecutionException | CancellationException ignored) {
      // waitFor only waits; get() reports the outcome.
    }
  }

  @Override
  public boolean waitFor(Duration timeout) throws InterruptedException {
    try {
      outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException | CancellationException ignored) {
      // Ready, with a failure: get() reports it.
    } catch (TimeoutException e) {
      return false;
    }
    return true;
  }

  @Override
  public boolean successful() {
    if (!outcome.isDone()) {
      throw new IllegalStateException(description + " is not ready (Python: ValueError)");
    }
    return !outcome.isCompletedExceptionally();
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (outcome.isDone() || !canceller.cancel(mayInterruptIfRunning)) {
      return false;
    }
    return outcome.cancel(false);
  }

  @Override
  public boolean isCancelled() {
    return outcome.isCancelled();
  }

  @Override
  public boolean isDone() {
    return outcome.isDone();
  }

  @Override
  public CompletableFuture<R> toCompletableFuture() {
    CompletableFuture<R> current = view;
    if (current == null) {
      synchronized (this) {
        current = view;
        if (current == null) {
          CompletableFuture<R> created = new CallbackFuture<>(callbacks::execute);
          outcome.whenComplete(
              (value, failure) ->
                  callbacks.execute(
                      () -> {
                        if (failure == null) {
                          created.complete(value);
                        } else {
                          created.completeExceptionally(unwrap(failure));
                        }
                      }));
          view = created;
          current = created;
        }
      }
    }
    return current;
  }

  @Override
  public String toString() {
    String status =
        !outcome.isDone()
            ? "pending"
            : outcome.isCancelled()
                ? "cancelled"
                : outcome.isCompletedExceptionally() ? "failed" : "succeeded";
    return "AsyncResult[" + description + ", " + status + "]";
  }

  private ExecutionException explain(Throwable cause) {
    String where = origin;
    return new ExecutionException(
        description + " failed" + (where == null ? "" : " in " + where) + ": " + cause, cause);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
