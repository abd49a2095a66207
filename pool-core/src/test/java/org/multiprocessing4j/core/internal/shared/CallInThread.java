package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.function.Executable;

/**
 * A call that may wait, made on a thread of its own, so that a test can see it wait and then see
 * how it ends.
 */
final class CallInThread {
  private final Thread thread;
  private final CompletableFuture<Void> outcome = new CompletableFuture<>();

  private CallInThread(Executable body) {
    thread =
        new Thread(
            () -> {
              try {
                body.execute();
                outcome.complete(null);
              } catch (Throwable failure) {
                outcome.completeExceptionally(failure);
              }
            });
    thread.setDaemon(true);
  }

  /** Starts {@code body} on a daemon thread. */
  static CallInThread start(Executable body) {
    CallInThread call = new CallInThread(body);
    call.thread.start();
    return call;
  }

  /** Returns once the call is parked, as a call waiting for its reply is, or has ended. */
  CallInThread awaitWaiting() throws InterruptedException {
    while (!outcome.isDone()
        && thread.getState() != Thread.State.WAITING
        && thread.getState() != Thread.State.TIMED_WAITING) {
      Thread.sleep(5);
    }
    return this;
  }

  boolean isDone() {
    return outcome.isDone();
  }

  void interrupt() {
    thread.interrupt();
  }

  /** Waits up to 5 seconds for the call to return; fails if it threw. */
  void awaitReturn() throws Exception {
    try {
      outcome.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException threw) {
      throw new AssertionError("the call threw", threw.getCause());
    }
  }

  /**
   * Waits up to 5 seconds for the call to throw, and returns what it threw; fails if it returned.
   */
  Throwable awaitFailure() throws Exception {
    try {
      outcome.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException threw) {
      return threw.getCause();
    }
    return fail("the call returned");
  }
}
