package org.multiprocessing4j.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskListener;
import org.multiprocessing4j.core.internal.scheduling.TaskPolicy;

/** The lazy window and ordering of imap, with tasks completed by hand instead of by workers. */
@Timeout(10)
class ImapIteratorTest {
  private final List<Task> cancelledTasks = new ArrayList<>();
  private final List<Task> submitted = new ArrayList<>();
  private long ids;

  private final ImapIterator.ChunkSubmitter submitter =
      new ImapIterator.ChunkSubmitter() {
        @Override
        public Task encode(Object[] items, int firstIndex, TaskListener listener) {
          return new Task(
              ++ids, new byte[0], 0, firstIndex, items.length, listener, new TaskPolicy(null, 0));
        }

        @Override
        public void submit(Task task) {
          submitted.add(task);
        }

        @Override
        public void cancel(Task task) {
          cancelledTasks.add(task);
        }
      };

  /** Completes a task with each item's value squared. */
  private static void complete(Task task) {
    Object[] values = new Object[task.itemCount];
    for (int i = 0; i < values.length; i++) {
      int index = task.firstIndex + i;
      values[i] = index * index;
    }
    task.listener.completed(task, values, null, "test");
  }

  @Test
  void readsOnlyAWindowAheadOfAnInfiniteInput() throws Exception {
    AtomicInteger pulled = new AtomicInteger();
    ImapIterator<Integer, Integer> results =
        new ImapIterator<>(
            Stream.iterate(0, i -> i + 1).peek(i -> pulled.incrementAndGet()).iterator(),
            2,
            3,
            true,
            submitter);
    assertThrows(TimeoutException.class, () -> results.next(Duration.ofMillis(5)));
    assertEquals(6, pulled.get());
    assertEquals(3, submitted.size());
    complete(submitted.get(0));
    assertEquals(0, results.next(Duration.ofSeconds(1)));
    assertEquals(1, results.next(Duration.ofSeconds(1)));
    assertThrows(TimeoutException.class, () -> results.next(Duration.ofMillis(5)));
    assertEquals(8, pulled.get());
  }

  @Test
  void orderedWaitsForTheHeadWhileUnorderedDoesNot() throws Exception {
    ImapIterator<Integer, Integer> ordered =
        new ImapIterator<>(List.of(0, 1, 2).iterator(), 1, 8, true, submitter);
    assertTrue(ordered.hasNext());
    complete(submitted.get(2));
    assertThrows(TimeoutException.class, () -> ordered.next(Duration.ofMillis(5)));
    complete(submitted.get(0));
    complete(submitted.get(1));
    assertEquals(List.of(0, 1, 4), List.of(ordered.next(), ordered.next(), ordered.next()));
    assertFalse(ordered.hasNext());

    submitted.clear();
    ImapIterator<Integer, Integer> unordered =
        new ImapIterator<>(List.of(0, 1, 2).iterator(), 1, 8, false, submitter);
    assertTrue(unordered.hasNext());
    complete(submitted.get(2));
    assertEquals(4, unordered.next(Duration.ofSeconds(1)));
  }

  @Test
  void aFailedItemRaisesAtItsPositionAndIterationGoesOn() {
    ImapIterator<Integer, Integer> results =
        new ImapIterator<>(List.of(0, 1).iterator(), 2, 8, true, submitter);
    assertTrue(results.hasNext());
    Task task = submitted.get(0);
    task.listener.completed(
        task, new Object[] {0, null}, new Throwable[] {null, new ArithmeticException("boom")}, "w");
    assertEquals(0, results.next());
    CompletionException failure = assertThrows(CompletionException.class, results::next);
    assertEquals("boom", failure.getCause().getMessage());
    assertFalse(results.hasNext());
  }

  @Test
  void closeWithdrawsOutstandingTasks() {
    ImapIterator<Integer, Integer> results =
        new ImapIterator<>(List.of(0, 1, 2).iterator(), 1, 8, true, submitter);
    assertTrue(results.hasNext());
    results.close();
    assertEquals(new java.util.HashSet<>(submitted), new java.util.HashSet<>(cancelledTasks));
    assertFalse(results.hasNext());
  }
}
