package org.multiprocessing4j.core.internal.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@link CompletableFuture} an {@code AsyncResult} gives out: every dependent that names no
 * executor runs on the pool's callback executor, as {@code AsyncResult.toCompletableFuture()}
 * promises.
 *
 * <p>A plain {@code CompletableFuture} runs {@code *Async} dependents on the common fork-join pool,
 * and a dependent added once the future is complete on the thread that adds it. Here {@link
 * #defaultExecutor()} is the callback executor, so {@code *Async} dependents go there; the
 * dependents without {@code Async} are sent there too, rather than only when the future is already
 * complete, since that check would race with completion; and {@link #newIncompleteFuture()} makes
 * every future derived from this one behave the same.
 */
final class CallbackFuture<T> extends CompletableFuture<T> {
  private final Executor callbacks;

  CallbackFuture(Executor callbacks) {
    this.callbacks = callbacks;
  }

  @Override
  public Executor defaultExecutor() {
    return callbacks;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CallbackFuture<>(callbacks);
  }

  @Override
  public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
    return thenApplyAsync(fn, callbacks);
  }

  @Override
  public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
    return thenAcceptAsync(action, callbacks);
  }

  @Override
  public CompletableFuture<Void> thenRun(Runnable action) {
    return thenRunAsync(action, callbacks);
  }

  @Override
  public <U, V> CompletableFuture<V> thenCombine(
      CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn) {
    return thenCombineAsync(other, fn, callbacks);
  }

  @Override
  public <U> CompletableFuture<Void> thenAcceptBoth(
      CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action) {
    return thenAcceptBothAsync(other, action, callbacks);
  }

  @Override
  public CompletableFuture<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
    return runAfterBothAsync(other, action, callbacks);
  }

  @Override
  public <U> CompletableFuture<U> applyToEither(
      CompletionStage<? extends T> other, Function<? super T, U> fn) {
    return applyToEitherAsync(other, fn, callbacks);
  }

  @Override
  public CompletableFuture<Void> acceptEither(
      CompletionStage<? extends T> other, Consumer<? super T> action) {
    return acceptEitherAsync(other, action, callbacks);
  }

  @Override
  public CompletableFuture<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
    return runAfterEitherAsync(other, action, callbacks);
  }

  @Override
  public <U> CompletableFuture<U> thenCompose(
      Function<? super T, ? extends CompletionStage<U>> fn) {
    return thenComposeAsync(fn, callbacks);
  }

  @Override
  public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
    return whenCompleteAsync(action, callbacks);
  }

  @Override
  public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
    return handleAsync(fn, callbacks);
  }

  @Override
  public CompletableFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
    return exceptionallyAsync(fn, callbacks);
  }

  @Override
  public CompletableFuture<T> exceptionallyCompose(
      Function<Throwable, ? extends CompletionStage<T>> fn) {
    return exceptionallyComposeAsync(fn, callbacks);
  }
}
