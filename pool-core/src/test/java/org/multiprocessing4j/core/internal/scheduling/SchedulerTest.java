package org.multiprocessing4j.core.internal.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.multiprocessing4j.BrokenPoolException;

class SchedulerTest {
  private final PoolLifecycle lifecycle = mock(PoolLifecycle.class);
  private long ids;

  private Task task() {
    return task(new TaskPolicy(null, 0));
  }

  private Task task(TaskPolicy policy) {
    return new Task(++ids, new byte[1], 1, 0, 1, mock(TaskListener.class), policy);
  }

  private List<Task> tasks(int n) {
    List<Task> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(task());
    }
    return list;
  }

  private Scheduler started(int processes, int maxTasksPerChild) {
    Scheduler scheduler = new Scheduler(processes, maxTasksPerChild, lifecycle);
    scheduler.start();
    return scheduler;
  }

  /** A worker that has just become ready. */
  private static WorkerLink ready(Scheduler scheduler) {
    WorkerLink worker = mock(WorkerLink.class);
    scheduler.workerReady(worker);
    return worker;
  }

  @Test
  void startSpawnsOneWorkerPerProcess() {
    new Scheduler(3, 0, lifecycle).start();
    verify(lifecycle, times(3)).spawnWorker();
  }

  @Test
  void tasksWaitForAReadyWorkerThenGoOutInOrder() throws IOException {
    Scheduler scheduler = started(1, 0);
    List<Task> queued = tasks(2);
    scheduler.submit(queued);
    WorkerLink worker = ready(scheduler);
    InOrder order = inOrder(worker);
    order.verify(worker).send(queued.get(0));
    order.verify(worker).send(queued.get(1));
  }

  @Test
  void windowFollowsReportedRunTimes() {
    assertEquals(2, Scheduler.window(-1));
    assertEquals(128, Scheduler.window(0));
    assertEquals(128, Scheduler.window(10_000));
    assertEquals(20, Scheduler.window(200_000));
    assertEquals(4, Scheduler.window(1_000_000));
    assertEquals(1, Scheduler.window(50_000_000));
  }

  @Test
  void longTasksAreNotQueuedBehindEachOtherWhileAnotherWorkerIsFree() throws IOException {
    Scheduler scheduler = started(2, 0);
    WorkerLink busy = mock(WorkerLink.class);
    WorkerLink idle = mock(WorkerLink.class);
    scheduler.workerReady(busy);
    Task first = task();
    scheduler.submit(List.of(first));
    scheduler.completed(busy, first.id, 1_000_000_000L);
    Task slow = task();
    scheduler.submit(List.of(slow));
    verify(busy).send(slow);
    Task next = task();
    scheduler.submit(List.of(next));
    verify(busy, never()).send(next);
    scheduler.workerReady(idle);
    verify(idle).send(next);
  }

  @Test
  void lostWorkerHandsBackExactlyItsTasksAndIsReplaced() {
    Scheduler scheduler = started(2, 0);
    WorkerLink a = mock(WorkerLink.class);
    WorkerLink b = mock(WorkerLink.class);
    scheduler.workerReady(a);
    scheduler.workerReady(b);
    List<Task> submitted = tasks(2);
    scheduler.submit(submitted);
    Task running = scheduler.workerLost(a).running();
    assertTrue(submitted.contains(running));
    verify(lifecycle, times(3)).spawnWorker();
    Task other = submitted.get(0) == running ? submitted.get(1) : submitted.get(0);
    assertSame(other, scheduler.completed(b, other.id, 1000));
    assertNull(scheduler.completed(a, running.id, 1000));
  }

  @Test
  void unsentTaskGoesBackToTheQueue() throws IOException {
    Scheduler scheduler = started(2, 0);
    WorkerLink broken = mock(WorkerLink.class);
    doThrow(new IOException("closed")).when(broken).send(any());
    scheduler.workerReady(broken);
    Task task = task();
    scheduler.submit(List.of(task));
    assertNull(scheduler.workerLost(broken).running());
    WorkerLink healthy = ready(scheduler);
    verify(healthy).send(task);
  }

  @Test
  void maxTasksPerChildRetiresTheWorkerOnceItsTasksAreDone() throws IOException {
    Scheduler scheduler = started(1, 2);
    WorkerLink worker = ready(scheduler);
    List<Task> three = tasks(3);
    scheduler.submit(three);
    verify(worker).send(three.get(0));
    verify(worker).send(three.get(1));
    verify(worker, never()).send(three.get(2));
    scheduler.completed(worker, three.get(0).id, 10);
    verify(worker, never()).retire();
    scheduler.completed(worker, three.get(1).id, 10);
    verify(worker).retire();
    assertNull(scheduler.workerLost(worker).running());
    WorkerLink fresh = ready(scheduler);
    verify(fresh).send(three.get(2));
  }

  @Test
  void shutdownRetiresIdleWorkersAfterTheQueueDrainsThenReportsExit() {
    Scheduler scheduler = started(1, 0);
    WorkerLink worker = ready(scheduler);
    Task task = task();
    scheduler.submit(List.of(task));
    scheduler.shutdown();
    verify(worker, never()).retire();
    assertThrows(IllegalStateException.class, () -> scheduler.submit(List.of(task())));
    scheduler.completed(worker, task.id, 10);
    verify(worker).retire();
    verify(lifecycle, never()).allWorkersExited();
    scheduler.workerLost(worker);
    verify(lifecycle).allWorkersExited();
    verify(lifecycle, times(1)).spawnWorker();
  }

  @Test
  void cancelRemovesOnlyQueuedTasks() {
    Scheduler scheduler = started(1, 0);
    WorkerLink worker = ready(scheduler);
    List<Task> submitted = tasks(3);
    scheduler.submit(submitted);
    assertFalse(scheduler.cancel(submitted.get(0)));
    assertTrue(scheduler.cancel(submitted.get(2)));
    assertFalse(scheduler.cancel(submitted.get(2)));
  }

  @Test
  void failedStartBreaksThePoolAndHandsBackQueuedTasks() {
    Scheduler scheduler = started(2, 0);
    List<Task> queued = tasks(2);
    scheduler.submit(queued);
    BrokenPoolException cause = new BrokenPoolException("initializer failed", null);
    assertEquals(queued, scheduler.workerFailedToStart(cause));
    BrokenPoolException later =
        assertThrows(BrokenPoolException.class, () -> scheduler.submit(List.of(task())));
    assertEquals("initializer failed", later.getMessage());
    scheduler.workerFailedToStart(cause);
    verify(lifecycle).allWorkersExited();
    verify(lifecycle, times(2)).spawnWorker();
  }

  @Test
  void terminateHandsBackQueuedAndRunningTasks() {
    Scheduler scheduler = started(1, 0);
    WorkerLink worker = ready(scheduler);
    List<Task> submitted = tasks(4);
    scheduler.submit(submitted);
    assertEquals(4, scheduler.terminate().size());
    assertNull(scheduler.workerLost(worker).running());
    verify(lifecycle).allWorkersExited();
    verify(lifecycle, times(1)).spawnWorker();
  }

  @Test
  void withdrawQueuedHandsBackOnlyTasksNoWorkerReceivedAndTakesNoMore() {
    Scheduler scheduler = started(1, 0);
    WorkerLink worker = ready(scheduler);
    List<Task> submitted = tasks(5);
    scheduler.submit(submitted);
    // A fresh worker holds two tasks; the other three wait in the pool's queue.
    assertEquals(submitted.subList(2, 5), scheduler.withdrawQueued());
    assertTrue(scheduler.isShutdown());
    assertThrows(IllegalStateException.class, () -> scheduler.submit(tasks(1)));
    assertEquals(submitted.subList(0, 2), scheduler.terminate());
  }

  @Test
  void onlyTheRunningTaskIsLostTheOnesQueuedBehindItGoToAnotherWorker() throws IOException {
    Scheduler scheduler = started(2, 0);
    WorkerLink dying = ready(scheduler);
    List<Task> two = tasks(2);
    scheduler.submit(two);
    verify(dying).send(two.get(1));
    assertSame(two.get(0), scheduler.workerLost(dying).running());
    WorkerLink other = ready(scheduler);
    verify(other).send(two.get(1));
    verify(other, never()).send(two.get(0));
  }

  @Test
  void aRunningTaskPastItsTimeoutMarksItsWorkerOnce() {
    Scheduler scheduler = started(1, 0);
    WorkerLink worker = ready(scheduler);
    Task slow = task(new TaskPolicy(java.time.Duration.ofMillis(50), 0));
    scheduler.submit(List.of(slow));
    long now = System.nanoTime();
    assertTrue(scheduler.expired(now).isEmpty());
    List<Scheduler.Expired> expired = scheduler.expired(now + 60_000_000L);
    assertEquals(1, expired.size());
    assertSame(slow, expired.get(0).task());
    assertTrue(scheduler.expired(now + 120_000_000L).isEmpty());
    Scheduler.Lost lost = scheduler.workerLost(worker);
    assertSame(slow, lost.running());
    assertEquals(Scheduler.Doom.TIMEOUT, lost.doom());
  }

  @Test
  void cancellingARunningTaskNamesItsWorkerAndAQueuedOneIsSkipped() {
    Scheduler scheduler = started(1, 0);
    WorkerLink worker = ready(scheduler);
    List<Task> two = tasks(2);
    scheduler.submit(two);
    Scheduler.Held skipped = scheduler.cancelHeld(two.get(1), false);
    assertTrue(skipped.stopped());
    assertNull(skipped.kill());
    verify(worker).skip(two.get(1));
    assertNull(scheduler.cancelHeld(two.get(0), false).kill());
    assertSame(worker, scheduler.cancelHeld(two.get(0), true).kill());
    Scheduler.Lost lost = scheduler.workerLost(worker);
    assertSame(two.get(0), lost.running());
    assertEquals(Scheduler.Doom.CANCEL, lost.doom());
  }

  @Test
  void aTaskThatBecameTheHeadAfterItsWorkerWasDoomedIsRequeuedNotBlamed() throws IOException {
    Scheduler scheduler = started(1, 0);
    WorkerLink worker = ready(scheduler);
    List<Task> two = tasks(2);
    scheduler.submit(two);
    assertSame(worker, scheduler.cancelHeld(two.get(0), true).kill());
    scheduler.completed(worker, two.get(0).id, 10);
    Scheduler.Lost lost = scheduler.workerLost(worker);
    assertNull(lost.running());
    WorkerLink next = ready(scheduler);
    verify(next).send(two.get(1));
  }

  @Test
  void retryPutsTheTaskFirstAndUsesUpARetry() throws IOException {
    Scheduler scheduler = started(1, 0);
    Task task = task(new TaskPolicy(null, 2));
    scheduler.submit(List.of(task(), task()));
    scheduler.retry(task);
    assertEquals(1, task.retriesLeft);
    WorkerLink worker = ready(scheduler);
    InOrder order = inOrder(worker);
    order.verify(worker).send(task);
  }

  /**
   * The first of two workers became ready alone and took two tasks; then the second became ready
   * and the first was asked to give back the queued one.
   */
  private record Takeover(
      Scheduler scheduler, WorkerLink giver, WorkerLink taker, List<Task> tasks) {}

  private Takeover takeoverUnderWay(int maxTasksPerChild) throws IOException {
    Scheduler scheduler = new Scheduler(2, maxTasksPerChild, lifecycle);
    scheduler.start();
    WorkerLink giver = ready(scheduler);
    List<Task> two = tasks(2);
    scheduler.submit(two);
    verify(giver).send(two.get(1));
    WorkerLink taker = ready(scheduler);
    return new Takeover(scheduler, giver, taker, two);
  }

  @Test
  void aWorkerThatBecomesReadyTakesOverATaskWaitingInAnotherWindow() throws IOException {
    Takeover takeover = takeoverUnderWay(0);
    Scheduler scheduler = takeover.scheduler();
    WorkerLink first = takeover.giver();
    WorkerLink second = takeover.taker();
    List<Task> two = takeover.tasks();
    verify(first).skip(two.get(1));
    verify(second, never()).send(any());
    assertNull(scheduler.skipped(first, two.get(1).id));
    verify(second).send(two.get(1));
    assertSame(two.get(1), scheduler.completed(second, two.get(1).id, 1_000_000_000L));
    assertNull(scheduler.completed(first, two.get(1).id, 10));
  }

  @Test
  void aTaskTheWorkerStartedBeforeTheSkipArrivedFinishesWhereItIs() throws IOException {
    Takeover takeover = takeoverUnderWay(0);
    Scheduler scheduler = takeover.scheduler();
    WorkerLink first = takeover.giver();
    WorkerLink second = takeover.taker();
    List<Task> two = takeover.tasks();
    verify(first).skip(two.get(1));
    assertSame(two.get(0), scheduler.completed(first, two.get(0).id, 10));
    assertSame(two.get(1), scheduler.completed(first, two.get(1).id, 10));
    assertNull(scheduler.skipped(first, two.get(1).id));
    verify(second, never()).send(any());
  }

  @Test
  void anIdleWorkerTakesOverAQueuedTaskWhenItFinishesItsOwn() throws IOException {
    Scheduler scheduler = started(2, 0);
    WorkerLink a = mock(WorkerLink.class);
    WorkerLink b = mock(WorkerLink.class);
    scheduler.workerReady(a);
    scheduler.workerReady(b);
    List<Task> three = tasks(3);
    scheduler.submit(three);
    // a holds its running task and one queued behind it; b holds one.
    Task queuedInA = three.get(2);
    verify(a).send(queuedInA);
    verify(a, never()).skip(any());
    scheduler.completed(b, three.get(1).id, 10);
    verify(a).skip(queuedInA);
    scheduler.skipped(a, queuedInA.id);
    verify(b).send(queuedInA);
  }

  @Test
  void aSkipNeverOvertakesTheFrameOfTheTaskItSkips() throws IOException {
    Scheduler scheduler = started(2, 0);
    WorkerLink first = mock(WorkerLink.class);
    WorkerLink second = mock(WorkerLink.class);
    List<Task> two = tasks(2);
    // The second worker becomes ready while the first one's frame for the queued task is still
    // being written, so the skip is decided before the send has returned.
    doAnswer(
            invocation -> {
              scheduler.workerReady(second);
              verify(first, never()).skip(two.get(1));
              return null;
            })
        .when(first)
        .send(two.get(1));
    scheduler.workerReady(first);
    scheduler.submit(two);
    InOrder order = inOrder(first);
    order.verify(first).send(two.get(1));
    order.verify(first).skip(two.get(1));
    verify(first, times(1)).skip(two.get(1));
  }

  @Test
  void aBusyWorkerDoesNotTakeOverTasksQueuedBehindShortOnes() throws IOException {
    Scheduler scheduler = started(2, 0);
    WorkerLink a = mock(WorkerLink.class);
    WorkerLink b = mock(WorkerLink.class);
    scheduler.workerReady(a);
    scheduler.workerReady(b);
    Task warmA = task();
    Task warmB = task();
    scheduler.submit(List.of(warmA, warmB));
    scheduler.completed(a, warmA.id, 1_000);
    scheduler.completed(b, warmB.id, 1_000);
    scheduler.submit(tasks(1));
    List<Task> shorts = tasks(4);
    scheduler.submit(shorts);
    scheduler.completed(a, shorts.get(0).id, 1_000);
    verify(a, never()).skip(any());
    verify(b, never()).skip(any());
  }

  @Test
  void aTaskCancelledWhileMovingIsFailedNotMoved() throws IOException {
    Takeover takeover = takeoverUnderWay(0);
    Scheduler scheduler = takeover.scheduler();
    WorkerLink first = takeover.giver();
    WorkerLink second = takeover.taker();
    List<Task> two = takeover.tasks();
    assertTrue(scheduler.cancelHeld(two.get(1), false).stopped());
    verify(first, times(1)).skip(two.get(1));
    assertSame(two.get(1), scheduler.skipped(first, two.get(1).id));
    verify(second, never()).send(any());
  }

  @Test
  void aTaskWhoseTakerDiedBeforeTheMoveGoesToTheNextWorker() throws IOException {
    Takeover takeover = takeoverUnderWay(0);
    Scheduler scheduler = takeover.scheduler();
    WorkerLink first = takeover.giver();
    WorkerLink taker = takeover.taker();
    List<Task> two = takeover.tasks();
    assertNull(scheduler.workerLost(taker).running());
    assertNull(scheduler.skipped(first, two.get(1).id));
    // Back in the queue, it goes to the worker with room: the first one, again.
    verify(first, times(2)).send(two.get(1));
    WorkerLink replacement = ready(scheduler);
    verify(first, times(2)).skip(two.get(1));
    assertNull(scheduler.skipped(first, two.get(1).id));
    verify(replacement).send(two.get(1));
  }

  @Test
  void aTaskWhoseGiverDiedGoesToTheWorkerThatWasTakingItOver() throws IOException {
    Takeover takeover = takeoverUnderWay(0);
    Scheduler scheduler = takeover.scheduler();
    WorkerLink giver = takeover.giver();
    WorkerLink taker = takeover.taker();
    List<Task> two = takeover.tasks();
    assertSame(two.get(0), scheduler.workerLost(giver).running());
    verify(taker).send(two.get(1));
  }

  @Test
  void aSkippedTaskDoesNotCountTowardsMaxTasksPerChild() throws IOException {
    Takeover takeover = takeoverUnderWay(2);
    Scheduler scheduler = takeover.scheduler();
    WorkerLink first = takeover.giver();
    WorkerLink second = takeover.taker();
    List<Task> two = takeover.tasks();
    scheduler.skipped(first, two.get(1).id);
    scheduler.completed(first, two.get(0).id, 10);
    verify(first, never()).retire();
    Task next = task();
    scheduler.submit(List.of(next));
    verify(first).send(next);
  }
}
