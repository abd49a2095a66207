package org.multiprocessing4j.core.internal.pool;

import java.io.Serializable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskListener;

/**
 * One task given to a {@link PoolExecutor}: the user's {@code Callable} or {@code Runnable}, sent
 * to the worker as it is and kept for {@code shutdownNow()}, and the delivery of its one value to
 * its result.
 */
final class ExecutorJob<T> implements TaskListener {
  private final Object given;
  private final boolean executed;
  private final boolean fixedResult;
  private final T result;
  private BlockingQueue<PendingResult<T>> completions;
  private PendingResult<T> pending;

  private ExecutorJob(Object given, boolean executed, boolean fixedResult, T result) {
    this.given = given;
    this.executed = executed;
    this.fixedResult = fixedResult;
    this.result = result;
  }

  /**
   * @throws SerializationException if {@code task} is not Serializable
   */
  static <T> ExecutorJob<T> of(Callable<T> task) {
    requireNonNull(task);
    requireSerializable(task, "Callable", "(Callable<T> & Serializable)");
    return new ExecutorJob<>(task, false, false, null);
  }

  /**
   * @param executed whether it came from {@code execute}, which gives no future
   * @throws SerializationException if {@code task} is not Serializable
   */
  static <T> ExecutorJob<T> of(Runnable task, T result, boolean executed) {
    requireNonNull(task);
    requireSerializable(task, "Runnable", "(Runnable & Serializable)");
    return new ExecutorJob<>(task, executed, true, result);
  }

  /** What the worker runs: the task as it was given, which a worker calls or runs. */
  Object task() {
    return given;
  }

  /** Where the result goes, and the queue that hears of its completion, if any. */
  void start(PendingResult<T> result, BlockingQueue<PendingResult<T>> completionQueue) {
    this.pending = result;
    this.completions = completionQueue;
  }

  /**
   * What {@code shutdownNow()} hands back for this task, which never started: the {@code Runnable}
   * given to {@code execute} itself, as a thread pool does; else a task that runs it here.
   */
  Runnable neverStarted() {
    if (executed) {
      return (Runnable) given;
    }
    return given instanceof Runnable runnable
        ? new FutureTask<>(runnable, result)
        : new FutureTask<>((Callable<?>) given);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void completed(Task task, Object[] values, Throwable[] failures, String origin) {
    if (failures != null && failures[0] != null) {
      pending.fail(failures[0], origin);
    } else {
      pending.complete(fixedResult ? result : (T) values[0]);
    }
    if (completions != null) {
      completions.add(pending);
    }
  }

  private static void requireNonNull(Object task) {
    if (task == null) {
      throw new NullPointerException("task must not be null");
    }
  }

  private static void requireSerializable(Object task, String kind, String cast) {
    if (!(task instanceof Serializable)) {
      throw new SerializationException(
          "Cannot run "
              + TaskEncoder.describe(task)
              + " in a worker JVM: it is a "
              + kind
              + " that is not Serializable, so it cannot be sent there. Write it where an"
              + " org.multiprocessing4j.SerializableCallable is expected (such a lambda is"
              + " serializable), cast the lambda to "
              + cast
              + ", or make its class implement java.io.Serializable; what it captures must be"
              + " serializable too.",
          null);
    }
  }
}
