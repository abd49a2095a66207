package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multiprocessing4j.core.internal.shared.RecordingCaller.UNANSWERED;

import java.net.ProtocolException;
import org.junit.jupiter.api.Test;

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
    return caller.reply(caller.call(semaphore, SemaphoreProxy.AVAILABLE)).payload.readInt();
  }

  @Test
  void permitsAreTakenUntilNoneIsLeftThenAcquiresWait() throws Exception {
    SharedSemaphore semaphore = semaphore(2, false);
    assertEquals(Reply.OK, a.status(a.call(semaphore, PermitProxy.ACQUIRE, FOREVER)));
    assertEquals(Reply.OK, b.status(b.call(semaphore, PermitProxy.ACQUIRE, FOREVER)));
    assertEquals(0, available(semaphore, a));
    long waiting = a.call(semaphore, PermitProxy.ACQUIRE, FOREVER);
    assertEquals(UNANSWERED, a.status(waiting));
    assertEquals(Reply.TIMEOUT, b.status(b.call(semaphore, PermitProxy.ACQUIRE, 0)));

    b.call(semaphore, PermitProxy.RELEASE);
    assertEquals(Reply.OK, a.status(waiting));
    assertEquals(0, available(semaphore, a), "the released permit went to the waiter");
  }

  @Test
  void aPlainSemaphoreMayBeReleasedAboveItsStart() throws Exception {
    SharedSemaphore semaphore = semaphore(0, false);
    assertEquals(Reply.OK, a.status(a.call(semaphore, PermitProxy.RELEASE)));
    assertEquals(1, available(semaphore, a));
  }

  @Test
  void aBoundedSemaphoreRefusesOneReleaseTooManyWithPythonsMessage() throws Exception {
    SharedSemaphore semaphore = semaphore(1, true);
    a.call(semaphore, PermitProxy.ACQUIRE, FOREVER);
    assertEquals(Reply.OK, a.status(a.call(semaphore, PermitProxy.RELEASE)));
    Reply refused = a.reply(a.call(semaphore, PermitProxy.RELEASE));
    assertEquals(Reply.REFUSED, refused.status);
    assertEquals("semaphore or lock released too many times", refused.payload.readString());
    assertEquals(1, available(semaphore, a));
  }

  @Test
  void aTimedAcquireTimesOut() {
    SharedSemaphore semaphore = semaphore(0, false);
    long timed = a.call(semaphore, PermitProxy.ACQUIRE, 1_000);
    timer.fireAll();
    assertEquals(Reply.TIMEOUT, a.status(timed));
  }

  @Test
  void permitsTakenByACallerThatIsGoneStayTaken() throws Exception {
    SharedSemaphore semaphore = semaphore(1, true);
    a.call(semaphore, PermitProxy.ACQUIRE, FOREVER);
    long waiting = b.call(semaphore, PermitProxy.ACQUIRE, FOREVER);
    semaphore.callerGone(a);
    assertEquals(UNANSWERED, b.status(waiting));
    assertEquals(0, available(semaphore, b));
  }

  @Test
  void aWaiterThatIsGoneIsDroppedAndItsPermitStaysFree() throws Exception {
    SharedSemaphore semaphore = semaphore(0, false);
    b.call(semaphore, PermitProxy.ACQUIRE, FOREVER);
    semaphore.callerGone(b);
    a.call(semaphore, PermitProxy.RELEASE);
    assertEquals(1, available(semaphore, a));
  }

  @Test
  void aReleaseSkipsAWaiterWhoseReplyCannotBeDelivered() throws Exception {
    SharedSemaphore semaphore = semaphore(0, false);
    b.call(semaphore, PermitProxy.ACQUIRE, FOREVER);
    b.gone = true;
    a.call(semaphore, PermitProxy.RELEASE);
    assertEquals(1, available(semaphore, a));
  }

  @Test
  void cancelAndCloseAnswerWaiters() {
    SharedSemaphore semaphore = semaphore(0, false);
    long cancelled = a.call(semaphore, PermitProxy.ACQUIRE, FOREVER);
    long closed = b.call(semaphore, PermitProxy.ACQUIRE, FOREVER);
    semaphore.cancel(a, cancelled);
    assertEquals(Reply.CANCELLED, a.status(cancelled));
    semaphore.close();
    assertEquals(Reply.CLOSED, b.status(closed));
    assertEquals(Reply.CLOSED, a.status(a.call(semaphore, PermitProxy.RELEASE)));
  }

  @Test
  void negativePermitsAreRefusedWithTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> semaphore(-1, false));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }
}
