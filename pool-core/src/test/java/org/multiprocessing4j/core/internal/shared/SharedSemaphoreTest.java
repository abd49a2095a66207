package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multiprocessing4j.core.internal.shared.RecordingCaller.UNANSWERED;

import java.net.ProtocolException;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

class SharedSemaphoreTest {
  private static final long FOREVER = WaitTime.FOREVER;

  private final ManualTimer timer = new ManualTimer();
  private final RecordingCaller a = new RecordingCaller("a");
  private final RecordingCaller b = new RecordingCaller("b");

  private SharedSemaphore semaphore(int permits, boolean bounded) {
    return new SharedSemaphore(permits, bounded, timer.executor);
  }

  private static int available(SharedSemaphore semaphore, RecordingCaller caller)
      throws ProtocolException {
    return caller.reply(caller.call(semaphore, Operations.Semaphore.AVAILABLE)).payload.readInt();
  }

  @Test
  void permitsAreTakenUntilNoneIsLeftThenAcquiresWait() throws Exception {
    SharedSemaphore semaphore = semaphore(2, false);
    assertEquals(ReplyFrame.OK, a.status(a.call(semaphore, Operations.Permit.ACQUIRE, FOREVER)));
    assertEquals(ReplyFrame.OK, b.status(b.call(semaphore, Operations.Permit.ACQUIRE, FOREVER)));
    assertEquals(0, available(semaphore, a));
    long waiting = a.call(semaphore, Operations.Permit.ACQUIRE, FOREVER);
    assertEquals(UNANSWERED, a.status(waiting));
    assertEquals(ReplyFrame.TIMEOUT, b.status(b.call(semaphore, Operations.Permit.ACQUIRE, 0)));

    b.call(semaphore, Operations.Permit.RELEASE);
    assertEquals(ReplyFrame.OK, a.status(waiting));
    assertEquals(0, available(semaphore, a), "the released permit went to the waiter");
  }

  @Test
  void aPlainSemaphoreMayBeReleasedAboveItsStart() throws Exception {
    SharedSemaphore semaphore = semaphore(0, false);
    assertEquals(ReplyFrame.OK, a.status(a.call(semaphore, Operations.Permit.RELEASE)));
    assertEquals(1, available(semaphore, a));
  }

  @Test
  void aBoundedSemaphoreRefusesOneReleaseTooManyWithPythonsMessage() throws Exception {
    SharedSemaphore semaphore = semaphore(1, true);
    a.call(semaphore, Operations.Permit.ACQUIRE, FOREVER);
    assertEquals(ReplyFrame.OK, a.status(a.call(semaphore, Operations.Permit.RELEASE)));
    Reply refused = a.reply(a.call(semaphore, Operations.Permit.RELEASE));
    assertEquals(ReplyFrame.REFUSED, refused.status);
    assertEquals("semaphore or lock released too many times", refused.payload.readString());
    assertEquals(1, available(semaphore, a));
  }

  @Test
  void aTimedAcquireTimesOut() {
    SharedSemaphore semaphore = semaphore(0, false);
    long timed = a.call(semaphore, Operations.Permit.ACQUIRE, 1_000);
    timer.fireAll();
    assertEquals(ReplyFrame.TIMEOUT, a.status(timed));
  }

  @Test
  void permitsTakenByACallerThatIsGoneStayTaken() throws Exception {
    SharedSemaphore semaphore = semaphore(1, true);
    a.call(semaphore, Operations.Permit.ACQUIRE, FOREVER);
    long waiting = b.call(semaphore, Operations.Permit.ACQUIRE, FOREVER);
    semaphore.callerGone(a);
    assertEquals(UNANSWERED, b.status(waiting));
    assertEquals(0, available(semaphore, b));
  }

  @Test
  void aWaiterThatIsGoneIsDroppedAndItsPermitStaysFree() throws Exception {
    SharedSemaphore semaphore = semaphore(0, false);
    b.call(semaphore, Operations.Permit.ACQUIRE, FOREVER);
    semaphore.callerGone(b);
    a.call(semaphore, Operations.Permit.RELEASE);
    assertEquals(1, available(semaphore, a));
  }

  @Test
  void aReleaseSkipsAWaiterWhoseReplyCannotBeDelivered() throws Exception {
    SharedSemaphore semaphore = semaphore(0, false);
    b.call(semaphore, Operations.Permit.ACQUIRE, FOREVER);
    b.gone = true;
    a.call(semaphore, Operations.Permit.RELEASE);
    assertEquals(1, available(semaphore, a));
  }

  @Test
  void cancelAndCloseAnswerWaiters() {
    SharedSemaphore semaphore = semaphore(0, false);
    long cancelled = a.call(semaphore, Operations.Permit.ACQUIRE, FOREVER);
    long closed = b.call(semaphore, Operations.Permit.ACQUIRE, FOREVER);
    semaphore.cancel(a, cancelled);
    assertEquals(ReplyFrame.CANCELLED, a.status(cancelled));
    semaphore.close();
    assertEquals(ReplyFrame.CLOSED, b.status(closed));
    assertEquals(ReplyFrame.CLOSED, a.status(a.call(semaphore, Operations.Permit.RELEASE)));
  }

  @Test
  void negativePermitsAreRefusedWithTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> semaphore(-1, false));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }
}
