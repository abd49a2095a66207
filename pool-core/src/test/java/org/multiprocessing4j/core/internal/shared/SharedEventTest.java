package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multiprocessing4j.core.internal.shared.RecordingCaller.UNANSWERED;

import java.net.ProtocolException;
import org.junit.jupiter.api.Test;

class SharedEventTest {
  private static final long FOREVER = WaitTime.FOREVER;

  private final ManualTimer timer = new ManualTimer();
  private final SharedEvent event = new SharedEvent(timer.executor);
  private final RecordingCaller a = new RecordingCaller("a");
  private final RecordingCaller b = new RecordingCaller("b");

  private boolean isSet() throws ProtocolException {
    return a.reply(a.call(event, EventProxy.IS_SET)).payload.readBoolean();
  }

  @Test
  void setWakesEveryWaiterAndLaterWaitsReturnAtOnce() throws Exception {
    long first = a.call(event, EventProxy.AWAIT, FOREVER);
    long second = b.call(event, EventProxy.AWAIT, 1_000_000);
    assertEquals(UNANSWERED, a.status(first));
    assertFalse(isSet());

    a.call(event, EventProxy.SET);
    assertEquals(Reply.OK, a.status(first));
    assertEquals(Reply.OK, b.status(second));
    assertTrue(isSet());
    assertEquals(Reply.OK, b.status(b.call(event, EventProxy.AWAIT, FOREVER)));
  }

  @Test
  void clearMakesWaitsWaitAgain() throws Exception {
    a.call(event, EventProxy.SET);
    a.call(event, EventProxy.CLEAR);
    assertFalse(isSet());
    assertEquals(Reply.TIMEOUT, b.status(b.call(event, EventProxy.AWAIT, 0)));
    long waiting = b.call(event, EventProxy.AWAIT, FOREVER);
    assertEquals(UNANSWERED, b.status(waiting));
  }

  @Test
  void aTimedWaitTimesOut() {
    long timed = a.call(event, EventProxy.AWAIT, 2_000_000);
    assertEquals(2_000_000, timer.deadlines.get(0).nanos);
    timer.fireAll();
    assertEquals(Reply.TIMEOUT, a.status(timed));
  }

  @Test
  void cancelCallerGoneAndClose() {
    long cancelled = a.call(event, EventProxy.AWAIT, FOREVER);
    long dropped = b.call(event, EventProxy.AWAIT, FOREVER);
    event.cancel(a, cancelled);
    assertEquals(Reply.CANCELLED, a.status(cancelled));
    event.callerGone(b);
    long closed = a.call(event, EventProxy.AWAIT, FOREVER);
    event.close();
    assertEquals(Reply.CLOSED, a.status(closed));
    assertEquals(UNANSWERED, b.status(dropped));
    assertEquals(Reply.CLOSED, b.status(b.call(event, EventProxy.SET)));
  }
}
