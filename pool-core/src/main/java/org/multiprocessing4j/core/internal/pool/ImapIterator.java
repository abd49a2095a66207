package org.multiprocessing4j.core.internal.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.multiprocessing4j.ResultIterator;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskListener;

/**
 * The iterator behind {@code imap} and {@code imapUnordered}.
 *
 * <p>Python's {@code imap} reads its whole input before the first result. This iterator reads the
 * input on the consuming thread, only while fewer than {@code window} chunks are submitted but not
 * consumed, so an infinite input works and memory stays flat. While the consumer waits for a result
 * it also tops the window up as chunks complete, so workers stay busy.
 */
final class ImapIterator<T, R> implements ResultIterator<R>, TaskListener {

  /** Turns a chunk of input into a task, and queues it. */
  interface ChunkSubmitter {
    Task encode(Object[] items, int firstIndex, TaskListener listener);

    void submit(Task task);

    /** Withdraws or stops a task whose result is no longer wanted. */
    void cancel(Task task);
  }

  private record Outcome(Object value, Throwable failure) {}

  private final Iterator<T> input;
  private final Runnable closeInput;
  private final int chunksize;
  private final int window;
  private final boolean ordered;
  private final ChunkSubmitter submitter;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<Integer, Outcome> readyByIndex = new HashMap<>();
  private final ArrayDeque<Outcome> readyInOrder = new ArrayDeque<>();
  private final Set<Task> outstanding = new HashSet<>();
  private int submitted;
  private int consumed;
  private boolean inputDone;
  private Throwable inputFailure;
  private int inputFailureIndex = -1;
  private boolean closed;

  ImapIterator(
      Iterator<T> input, int chunksize, int window, boolean ordered, ChunkSubmitter submitter) {
    this(input, () -> {}, chunksize, window, ordered, submitter);
  }

  /**
   * @param closeInput releases the input's source, such as a stream's file, when the iterator is
   *     closed
   */
  ImapIterator(
      Iterator<T> input,
      Runnable closeInput,
      int chunksize,
      int window,
      boolean ordered,
      ChunkSubmitter submitter) {
    this.input = input;
    this.closeInput = closeInput;
    this.chunksize = chunksize;
    this.window = window;
    this.ordered = ordered;
    this.submitter = submitter;
  }

  @Override
  public boolean hasNext() {
    while (true) {
      lock.lock();
      try {
        if (closed) {
          return false;
        }
        if (consumed < submitted || (inputFailure != null && consumed == inputFailureIndex)) {
          return true;
        }
        if (inputDone) {
          return false;
        }
      } finally {
        lock.unlock();
      }
      if (!refill()) {
        awaitChange();
      }
    }
  }

  @Override
  public R next() {
    try {
      return take(Long.MAX_VALUE);
    } catch (ExecutionException e) {
      throw new CompletionException(e.getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("unbounded wait timed out", e);
    }
  }

  @Override
  public R next(Duration timeout)
      throws ExecutionException, TimeoutException, InterruptedException {
    return take(System.nanoTime() + Math.max(0, timeout.toNanos()));
  }

  @Override
  public void close() {
    List<Task> toWithdraw;
    lock.lock();
    try {
      closed = true;
      toWithdraw = new ArrayList<>(outstanding);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    toWithdraw.forEach(submitter::cancel);
    closeInput.run();
  }

  @Override
  public void completed(Task task, Object[] values, Throwable[] failures, String origin) {
    lock.lock();
    try {
      if (!outstanding.remove(task)) {
        return;
      }
      for (int i = 0; i < values.length; i++) {
        Throwable failure = failures == null ? null : failures[i];
        Outcome outcome =
            new Outcome(
                values[i],
                failure == null
                    ? null
                    : new ExecutionException(
                        "item " + (task.firstIndex + i) + " failed in " + origin + ": " + failure,
                        failure));
        if (ordered) {
          readyByIndex.put(task.firstIndex + i, outcome);
        } else {
          readyInOrder.add(outcome);
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private R take(long deadlineNanos)
      throws ExecutionException, TimeoutException, InterruptedException {
    while (true) {
      refill();
      lock.lockInterruptibly();
      try {
        if (closed) {
          throw new NoSuchElementException("the iterator was closed");
        }
        Outcome outcome = ordered ? readyByIndex.remove(consumed) : readyInOrder.poll();
        if (outcome != null) {
          consumed++;
          return unwrap(outcome);
        }
        if (inputFailure != null && consumed == inputFailureIndex) {
          inputFailureIndex = -1;
          Throwable failure = inputFailure;
          inputFailure = null;
          inputDone = true;
          throw new ExecutionException("the input iterator threw at position " + consumed, failure);
        }
        if (inputDone && consumed == submitted) {
          throw new NoSuchElementException("no result remains");
        }
        if (canSubmitMore()) {
          continue;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("no result ready at position " + consumed);
        }
        changed.awaitNanos(left);
      } finally {
        lock.unlock();
      }
    }
  }

  /** Items submitted but not consumed stay below {@code window} chunks' worth. */
  private boolean canSubmitMore() {
    return !inputDone
        && !closed
        && inputFailure == null
        && submitted - consumed < (long) window * chunksize;
  }

  /** Reads and submits chunks while the window has room; returns whether it submitted any. */
  private boolean refill() {
    boolean any = false;
    while (true) {
      int firstIndex;
      lock.lock();
      try {
        if (!canSubmitMore()) {
          return any;
        }
        firstIndex = submitted;
      } finally {
        lock.unlock();
      }
      List<Object> chunk = new ArrayList<>(chunksize);
      Throwable failure = null;
      boolean exhausted = false;
      try {
        while (chunk.size() < chunksize) {
          if (!input.hasNext()) {
            exhausted = true;
            break;
          }
          chunk.add(input.next());
        }
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      Task task = null;
      Throwable submitFailure = null;
      if (!chunk.isEmpty()) {
        try {
          task = submitter.encode(chunk.toArray(), firstIndex, this);
        } catch (RuntimeException e) {
          submitFailure = e;
        }
      }
      lock.lock();
      try {
        // Registered before it is queued: its result may arrive before submit returns.
        if (task != null) {
          outstanding.add(task);
        }
        submitted += chunk.size();
        any |= !chunk.isEmpty();
        if (failure != null) {
          inputFailure = failure;
          inputFailureIndex = submitted;
        } else if (exhausted) {
          inputDone = true;
        }
      } finally {
        lock.unlock();
      }
      boolean rejected = false;
      if (task != null) {
        try {
          submitter.submit(task);
        } catch (RuntimeException poolNotRunning) {
          submitFailure = poolNotRunning;
          rejected = true;
        }
      }
      if (submitFailure != null) {
        failChunk(task, firstIndex, chunk.size(), submitFailure, rejected);
      }
      if (failure != null || exhausted || rejected) {
        return any;
      }
    }
  }

  /** The chunk could not be sent: each of its items fails at its own position. */
  private void failChunk(
      Task task, int firstIndex, int size, Throwable cause, boolean endsIteration) {
    lock.lock();
    try {
      if (endsIteration) {
        inputDone = true;
      }
      if (task != null) {
        outstanding.remove(task);
      }
      for (int i = 0; i < size; i++) {
        Outcome failed = new Outcome(null, new ExecutionException(cause.getMessage(), cause));
        if (ordered) {
          readyByIndex.put(firstIndex + i, failed);
        } else {
          readyInOrder.add(failed);
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void awaitChange() {
    lock.lock();
    try {
      changed.await(10, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } finally {
      lock.unlock();
    }
  }

  @SuppressWarnings("unchecked")
  private R unwrap(Outcome outcome) throws ExecutionException {
    if (outcome.failure() != null) {
      throw (ExecutionException) outcome.failure();
    }
    return (R) outcome.value();
  }
}
