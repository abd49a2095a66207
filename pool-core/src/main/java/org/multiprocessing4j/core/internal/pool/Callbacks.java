package org.multiprocessing4j.core.internal.pool;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs user callbacks on the pool's callback executor, away from the threads that read results. A
 * callback that throws is logged with its task; it breaks nothing else.
 */
public final class Callbacks {
  private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

  private final Executor executor;

  public Callbacks(Executor executor) {
    this.executor = executor;
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
    try {
      executor.execute(action);
    } catch (RejectedExecutionException e) {
      // The user's executor is shut down: running here is better than losing the completion.
      action.run();
    }
  }
}
