package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multiprocessing4j.core.internal.shared.RecordingCaller.UNANSWERED;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

class SharedLockTest {
  private static final long FOREVER = WaitTime.FOREVER;

  private final ManualTimer timer = new ManualTimer();
  private final SharedLock lock = new SharedLock(timer.executor);
  private final RecordingCaller a = new RecordingCaller("a");
  private final RecordingCaller b = new RecordingCaller("b");
  private final RecordingCaller c = new RecordingCaller("c");

  private long acquire(RecordingCaller caller, long timeoutNanos) {
    return caller.call(lock, Operations.Permit.ACQUIRE, timeoutNanos);
  }

  private boolean isLocked() throws ProtocolException {
    long call = a.call(lock, Operations.Lock.IS_LOCKED);
    return a.reply(call).payload.readBoolean();
  }

  @Test
  void aFreeLockIsTakenAtOnceAndASecondAcquireWaitsUntilRelease() throws Exception {
    long first = acquire(a, FOREVER);
    assertEquals(ReplyFrame.OK, a.status(first));
    assertTrue(isLocked());

    long second = acquire(b, FOREVER);
    assertEquals(UNANSWERED, b.status(second), "kept, not answered");
    long release = a.call(lock, Operations.Permit.RELEASE);
    assertEquals(ReplyFrame.OK, a.status(release));
    assertEquals(ReplyFrame.OK, b.status(second));
    assertTrue(isLocked(), "handed over, never free in between");
  }

  @Test
  void theSameCallerWaitsForItselfAsPythonsLockIsNotReentrant() {
    acquire(a, FOREVER);
    long again = acquire(a, FOREVER);
    assertEquals(UNANSWERED, a.status(again));
    a.call(lock, Operations.Permit.RELEASE);
    assertEquals(ReplyFrame.OK, a.status(again));
  }

  @Test
  void waitersGetTheLockFirstComeFirstServed() {
    acquire(a, FOREVER);
    long fromC = acquire(c, FOREVER);
    long fromB = acquire(b, FOREVER);
    a.call(lock, Operations.Permit.RELEASE);
    assertEquals(ReplyFrame.OK, c.status(fromC));
    assertEquals(UNANSWERED, b.status(fromB));
    c.call(lock, Operations.Permit.RELEASE);
    assertEquals(ReplyFrame.OK, b.status(fromB));
  }

  @Test
  void anyCallerMayReleaseAsInPython() throws Exception {
    acquire(a, FOREVER);
    assertEquals(ReplyFrame.OK, b.status(b.call(lock, Operations.Permit.RELEASE)));
    assertFalse(isLocked());
  }

  @Test
  void releasingAFreeLockIsRefusedWithPythonsMessage() throws Exception {
    long release = a.call(lock, Operations.Permit.RELEASE);
    Reply reply = a.reply(release);
    assertEquals(ReplyFrame.REFUSED, reply.status);
    assertEquals("semaphore or lock released too many times", reply.payload.readString());
  }

  @Test
  void tryAcquireOnAHeldLockIsAnsweredAtOnce() {
    acquire(a, FOREVER);
    long attempt = acquire(b, 0);
    assertEquals(ReplyFrame.TIMEOUT, b.status(attempt));
    assertEquals(0, timer.deadlines.size());
  }

  @Test
  void aTimedAcquireTimesOutAndIsNotHandedTheLockLater() throws Exception {
    acquire(a, FOREVER);
    long timed = acquire(b, 5_000_000);
    assertEquals(5_000_000, timer.deadlines.get(0).nanos);
    timer.fireAll();
    assertEquals(ReplyFrame.TIMEOUT, b.status(timed));
    a.call(lock, Operations.Permit.RELEASE);
    assertFalse(isLocked());
    assertEquals(1, b.replyCount());
  }

  @Test
  void aTimedAcquireGrantedInTimeCancelsItsTimeout() {
    acquire(a, FOREVER);
    long timed = acquire(b, 5_000_000);
    a.call(lock, Operations.Permit.RELEASE);
    assertEquals(ReplyFrame.OK, b.status(timed));
    assertTrue(timer.deadlines.get(0).isCancelled());
    timer.fireLate(0);
    assertEquals(1, b.replyCount(), "a late timeout finds nothing to answer");
  }

  @Test
  void cancelAnswersAWaitingAcquireCancelledAndItNeverGetsTheLock() throws Exception {
    acquire(a, FOREVER);
    long waiting = acquire(b, 5_000_000);
    lock.cancel(b, waiting);
    assertEquals(ReplyFrame.CANCELLED, b.status(waiting));
    assertTrue(timer.deadlines.get(0).isCancelled());
    a.call(lock, Operations.Permit.RELEASE);
    assertFalse(isLocked());
  }

  @Test
  void cancelOfACallAlreadyAnsweredDoesNothing() {
    long granted = acquire(a, FOREVER);
    lock.cancel(a, granted);
    assertEquals(1, a.replyCount());
    assertEquals(ReplyFrame.OK, a.status(granted));
  }

  @Test
  void cancelMatchesTheCallerAsWellAsTheCallId() {
    acquire(a, FOREVER);
    long waiting = acquire(b, FOREVER);
    lock.cancel(c, waiting);
    assertEquals(UNANSWERED, b.status(waiting));
  }

  @Test
  void aHolderThatIsGoneReleasesTheLockToTheNextWaiter() {
    acquire(a, FOREVER);
    long waiting = acquire(b, FOREVER);
    a.gone = true;
    lock.callerGone(a);
    assertEquals(ReplyFrame.OK, b.status(waiting));
  }

  @Test
  void aHolderThatIsGoneWithNobodyWaitingLeavesTheLockFree() throws Exception {
    acquire(b, FOREVER);
    lock.callerGone(b);
    assertFalse(isLocked());
  }

  @Test
  void aWaiterThatIsGoneIsDroppedWithItsTimeout() throws Exception {
    acquire(a, FOREVER);
    acquire(b, 5_000_000);
    lock.callerGone(b);
    assertTrue(timer.deadlines.get(0).isCancelled());
    a.call(lock, Operations.Permit.RELEASE);
    assertFalse(isLocked());
  }

  @Test
  void theLockSkipsAWaiterWhoseReplyCannotBeDelivered() {
    acquire(a, FOREVER);
    acquire(b, FOREVER);
    long fromC = acquire(c, FOREVER);
    b.gone = true;
    a.call(lock, Operations.Permit.RELEASE);
    assertEquals(ReplyFrame.OK, c.status(fromC));
    lock.callerGone(b);
    long attempt = acquire(a, 0);
    assertEquals(ReplyFrame.TIMEOUT, a.status(attempt), "c holds it, not the vanished b");
  }

  @Test
  void closeAnswersEveryWaiterClosedAndLaterCallsToo() throws Exception {
    acquire(a, FOREVER);
    long waiting = acquire(b, 5_000_000);
    lock.close();
    Reply reply = b.reply(waiting);
    assertEquals(ReplyFrame.CLOSED, reply.status);
    assertEquals(SharedObject.CLOSED_MESSAGE, reply.payload.readString());
    assertEquals(ReplyFrame.CLOSED, c.status(acquire(c, FOREVER)));
    assertTrue(timer.deadlines.get(0).isCancelled());
  }

  @Test
  void anAcquireThatNeedNotWaitSchedulesNoTimeout() {
    acquire(a, 5_000_000);
    acquire(b, FOREVER);
    assertEquals(0, timer.deadlines.size());
  }

  @Test
  void releasingForAHolderThatIsGoneIsLoggedWithItsName() {
    acquire(a, FOREVER);
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      lock.callerGone(a);
      lock.callerGone(b);
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("WARN") && log.contains("a exited or died holding a lock"), log);
    assertEquals(1, log.lines().count(), "only the holder is reported: " + log);
  }
}
