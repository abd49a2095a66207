package org.multiprocessing4j.core.internal.shared;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A timer whose deadlines fire when the test says so. */
final class ManualTimer {
  /** A scheduled deadline. */
  static final class Deadline implements ScheduledFuture<Object> {
    final Runnable task;
    final long nanos;
    private boolean cancelled;

    Deadline(Runnable task, long nanos) {
      this.task = task;
      this.nanos = nanos;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(nanos, other.getDelay(TimeUnit.NANOSECONDS));
    }
  }

  final List<Deadline> deadlines = new ArrayList<>();
  final ScheduledExecutorService executor = mock(ScheduledExecutorService.class);

  ManualTimer() {
    when(executor.schedule(any(Runnable.class), anyLong(), any(TimeUnit.class)))
        .thenAnswer(
            invocation -> {
              TimeUnit unit = invocation.getArgument(2);
              long delay = invocation.getArgument(1);
              Deadline deadline = new Deadline(invocation.getArgument(0), unit.toNanos(delay));
              deadlines.add(deadline);
              return deadline;
            });
  }

  /** Fires every deadline not cancelled, as the timer thread would, and forgets them all. */
  void fireAll() {
    List<Deadline> due = List.copyOf(deadlines);
    deadlines.clear();
    for (Deadline deadline : due) {
      if (!deadline.isCancelled()) {
        deadline.task.run();
      }
    }
  }

  /**
   * Runs the task of the {@code index}-th deadline even if it was cancelled, as a timer thread that
   * had just started it would.
   */
  void fireLate(int index) {
    deadlines.get(index).task.run();
  }

  /** How many deadlines are scheduled and not cancelled. */
  long pending() {
    return deadlines.stream().filter(deadline -> !deadline.isCancelled()).count();
  }
}
