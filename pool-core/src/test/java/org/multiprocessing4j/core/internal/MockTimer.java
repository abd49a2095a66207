package org.multiprocessing4j.core.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A timer whose tasks run when the test says, so that timeouts are exact and instant. */
final class MockTimer {
  private final List<Scheduled> scheduled = new ArrayList<>();
  final ScheduledExecutorService executor = mock(ScheduledExecutorService.class);

  record Scheduled(Runnable task, long nanos, ScheduledFuture<?> future) {}

  MockTimer() {
    when(executor.schedule(any(Runnable.class), anyLong(), any(TimeUnit.class)))
        .thenAnswer(
            invocation -> {
              ScheduledFuture<?> future = mock(ScheduledFuture.class);
              TimeUnit unit = invocation.getArgument(2);
              scheduled.add(
                  new Scheduled(
                      invocation.getArgument(0), unit.toNanos(invocation.getArgument(1)), future));
              return future;
            });
  }

  /** The task scheduled {@code index}-th. */
  Scheduled get(int index) {
    return scheduled.get(index);
  }

  int count() {
    return scheduled.size();
  }

  /** Runs the task scheduled {@code index}-th, as if its time had come. */
  void fire(int index) {
    scheduled.get(index).task().run();
  }
}
