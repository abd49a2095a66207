package org.multiprocessing4j.core.internal.pool;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.core.internal.supervision.Supervisor;
import org.multiprocessing4j.core.internal.supervision.Threads;
import org.multiprocessing4j.spi.PoolSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs user callbacks on the pool's callback executor, away from the threads that read results. A
 * callback that throws is logged with its task; it breaks nothing else.
 */
public final class Callbacks {
  private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

  /** Set on the threads running callbacks, which must not wait for callbacks to end. */
  private static final ThreadLocal<Boolean> IN_CALLBACK = new ThreadLocal<>();

  private final Executor executor;

  /** The pool's own executor, or {@code null} when the user gave one. */
  private final ExecutorService own;

  Callbacks(Executor executor) {
    this(executor, null);
  }

  private Callbacks(Executor executor, ExecutorService own) {
    this.executor = executor;
    this.own = own;
  }

  /**
   * The callbacks of a pool: on the executor its spec names, else on a daemon thread of the pool's
   * own, which ends once every worker has exited.
   */
  static Callbacks of(PoolSpec spec, Supervisor supervisor) {
    if (spec.callbackExecutor() != null) {
      return new Callbacks(spec.callbackExecutor());
    }
    ExecutorService own = Threads.daemonExecutor(spec.name() + "-callbacks", 1);
    supervisor.whenAllExited(own::shutdown);
    return new Callbacks(own, own);
  }

  /**
   * Waits, up to {@code timeoutNanos}, until every callback queued on the pool's own executor has
   * run, as Python's {@code join} does; the executor is shut down once every worker has exited.
   * Returns at once on a user's executor, whose callbacks the pool cannot see, and on a callback's
   * own thread, which would wait for itself.
   *
   * @return whether no queued callback is left
   */
  boolean awaitQueued(long timeoutNanos) throws InterruptedException {
    if (own == null || IN_CALLBACK.get() != null) {
      return true;
    }
    return own.awaitTermination(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  void run(String description, Runnable callback) {
    execute(
        () -> {
          try {
            callback.run();
          } catch (RuntimeException | Error e) {
            log.error("The callback of {} threw; other results are not affected", description, e);
          }
        });
  }

  void execute(Runnable action) {
    Runnable marked =
        () -> {
          IN_CALLBACK.set(Boolean.TRUE);
          try {
            action.run();
          } finally {
            IN_CALLBACK.remove();
          }
        };
    try {
      executor.execute(marked);
    } catch (RejectedExecutionException e) {
      // The executor is shut down: running here is better than losing the completion.
      action.run();
    }
  }
}
