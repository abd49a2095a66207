package org.multiprocessing4j.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every dependent that names no executor runs on the callback executor, whatever its kind. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallbackFutureTest {
  private final ExecutorService callbackThread =
      Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "callbacks-test"));
  private final List<Runnable> handedOver = new ArrayList<>();
  private final Executor recording =
      action -> {
        synchronized (handedOver) {
          handedOver.add(action);
        }
        callbackThread.execute(action);
      };

  @AfterEach
  void stopCallbackThread() {
    callbackThread.shutdownNow();
  }

  private static String thread(Object ignored) {
    return Thread.currentThread().getName();
  }

  @Test
  void everyKindOfDependentOfACompletedFutureRunsOnTheCallbackExecutor() throws Exception {
    CallbackFuture<Integer> future = new CallbackFuture<>(recording);
    future.complete(1);
    CompletableFuture<Integer> other = CompletableFuture.completedFuture(2);
    List<CompletableFuture<String>> dependents =
        List.of(
            future.thenApply(CallbackFutureTest::thread),
            future.thenApplyAsync(CallbackFutureTest::thread),
            future.handle((value, failure) -> thread(value)),
            future.thenCombine(other, (a, b) -> thread(a)),
            future.applyToEither(other, CallbackFutureTest::thread),
            future.thenCompose(value -> CompletableFuture.completedFuture(thread(value))),
            future.thenApply(Function.identity()).thenApplyAsync(CallbackFutureTest::thread),
            future.whenComplete((value, failure) -> {}).thenApply(CallbackFutureTest::thread));
    for (CompletableFuture<String> dependent : dependents) {
      assertEquals("callbacks-test", dependent.get(10, TimeUnit.SECONDS));
      assertInstanceOf(CallbackFuture.class, dependent);
    }
    assertSame(recording, future.defaultExecutor());
    CompletableFuture<String> failed = new CallbackFuture<>(recording);
    failed.completeExceptionally(new IllegalStateException("failed"));
    assertEquals(
        "callbacks-test",
        failed.exceptionally(CallbackFutureTest::thread).get(10, TimeUnit.SECONDS));
  }
}
