package org.multiprocessing4j.core.internal.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.PoolExecutorService;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskPolicy;
import org.multiprocessing4j.core.internal.supervision.Supervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PoolExecutorService} view of a pool: each task becomes one pool task, sent as the user
 * gave it, with the pool's (or view's) {@link TaskPolicy}; the lifecycle is the {@link
 * Supervisor}'s.
 */
final class PoolExecutor implements PoolExecutorService {
  private static final Logger log = LoggerFactory.getLogger(PoolExecutor.class);

  private final Pool pool;
  private final Supervisor supervisor;
  private final TaskEncoder encoder;
  private final Callbacks callbacks;
  private final TaskPolicy policy;

  PoolExecutor(
      Pool pool,
      Supervisor supervisor,
      TaskEncoder encoder,
      Callbacks callbacks,
      TaskPolicy policy) {
    this.encoder = encoder;
    this.callbacks = callbacks;
    this.pool = pool;
    this.supervisor = supervisor;
    this.policy = policy;
  }

  // ---- submitting ----

  @Override
  public <T> AsyncResult<T> submit(Callable<T> task) {
    return submitAll(List.of(ExecutorJob.of(task)), null).get(0);
  }

  @Override
  public AsyncResult<?> submit(Runnable task) {
    return submit(task, null);
  }

  @Override
  public <T> AsyncResult<T> submit(Runnable task, T result) {
    return submitAll(List.of(ExecutorJob.of(task, result, false)), null).get(0);
  }

  @Override
  public void execute(Runnable command) {
    AsyncResult<Object> result =
        submitAll(List.of(ExecutorJob.of(command, null, true)), null).get(0);
    result
        .toCompletableFuture()
        .whenComplete(
            (ignored, failure) -> {
              if (failure != null && !(failure instanceof CancellationException)) {
                log.error("{}, run by execute(), failed", TaskEncoder.describe(command), failure);
              }
            });
  }

  /**
   * Serializes every job, then queues them all at once: a job that cannot be sent leaves none
   * running.
   *
   * @param completions hears of each job's completion, or {@code null}
   */
  private <T> List<PendingResult<T>> submitAll(
      List<ExecutorJob<T>> jobs, BlockingQueue<PendingResult<T>> completions) {
    List<Task> tasks = new ArrayList<>(jobs.size());
    List<PendingResult<T>> results = new ArrayList<>(jobs.size());
    for (ExecutorJob<T> job : jobs) {
      Task task = encoder.encode(job.task(), new Object[] {null}, 0, job, policy);
      PendingResult<T> result =
          new PendingResult<>(
              callbacks, mayInterrupt -> supervisor.cancel(task, mayInterrupt), task);
      job.start(result, completions);
      tasks.add(task);
      results.add(result);
    }
    try {
      supervisor.submit(tasks);
    } catch (IllegalStateException notRunning) {
      throw new RejectedExecutionException(notRunning.getMessage(), notRunning);
    }
    return results;
  }

  private static <T> List<ExecutorJob<T>> jobs(Collection<? extends Callable<T>> tasks) {
    Objects.requireNonNull(tasks, "tasks");
    List<ExecutorJob<T>> jobs = new ArrayList<>(tasks.size());
    int index = 0;
    for (Callable<T> task : tasks) {
      if (task == null) {
        throw new NullPointerException("tasks[" + index + "] must not be null");
      }
      jobs.add(ExecutorJob.of(task));
      index++;
    }
    return jobs;
  }

  // ---- invoking ----

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
      throws InterruptedException {
    List<PendingResult<T>> results = submitAll(jobs(tasks), null);
    try {
      for (PendingResult<T> result : results) {
        result.waitFor();
      }
    } catch (InterruptedException e) {
      cancelAll(results);
      throw e;
    }
    return new ArrayList<>(results);
  }

  @Override
  public <T> List<Future<T>> invokeAll(
      Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    List<PendingResult<T>> results = submitAll(jobs(tasks), null);
    try {
      for (PendingResult<T> result : results) {
        if (!result.waitFor(Duration.ofNanos(deadline - System.nanoTime()))) {
          cancelAll(results);
          break;
        }
      }
    } catch (InterruptedException e) {
      cancelAll(results);
      throw e;
    }
    return new ArrayList<>(results);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
      throws InterruptedException, ExecutionException {
    try {
      return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    } catch (TimeoutException impossible) {
      throw new IllegalStateException("a wait of 292 years timed out", impossible);
    }
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    // Saturates at Long.MAX_VALUE; the subtraction below stays right when the deadline wraps.
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    List<ExecutorJob<T>> jobs = jobs(tasks);
    if (jobs.isEmpty()) {
      throw new IllegalArgumentException("invokeAny needs at least one task, got none");
    }
    BlockingQueue<PendingResult<T>> completions = new LinkedBlockingQueue<>();
    List<PendingResult<T>> results = submitAll(jobs, completions);
    List<Throwable> failures = new ArrayList<>();
    try {
      while (failures.size() < results.size()) {
        PendingResult<T> next =
            completions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (next == null) {
          throw new TimeoutException(
              "none of the " + results.size() + " tasks succeeded within the timeout");
        }
        try {
          return next.get();
        } catch (ExecutionException failed) {
          failures.add(failed.getCause());
        } catch (CancellationException cancelled) {
          failures.add(cancelled);
        }
      }
      Throwable lastFailure = failures.get(failures.size() - 1);
      ExecutionException all =
          new ExecutionException(
              "all " + results.size() + " tasks failed; the last: " + lastFailure, lastFailure);
      failures.subList(0, failures.size() - 1).forEach(all::addSuppressed);
      throw all;
    } finally {
      cancelAll(results);
    }
  }

  private static void cancelAll(List<? extends Future<?>> results) {
    for (Future<?> result : results) {
      result.cancel(true);
    }
  }

  // ---- lifecycle ----

  @Override
  public void shutdown() {
    supervisor.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> neverStarted = new ArrayList<>();
    for (Task task : supervisor.terminateNow()) {
      if (task.listener instanceof ExecutorJob<?> job) {
        neverStarted.add(job.neverStarted());
      }
    }
    return neverStarted;
  }

  @Override
  public boolean isShutdown() {
    return supervisor.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return supervisor.hasExited();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return supervisor.awaitExited(unit.toNanos(timeout));
  }

  @Override
  public void close() {
    if (isTerminated()) {
      return;
    }
    shutdown();
    boolean interrupted = false;
    while (!isTerminated()) {
      try {
        awaitTermination(1, TimeUnit.DAYS);
      } catch (InterruptedException e) {
        if (!interrupted) {
          shutdownNow();
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "ExecutorService view of " + pool;
  }
}
