package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multiprocessing4j.core.internal.shared.RecordingCaller.UNANSWERED;

import java.net.ProtocolException;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

class SharedEventTest {
  private static final long FOREVER = WaitTime.FOREVER;

  private final ManualTimer timer = new ManualTimer();
  private final SharedEvent event = new SharedEvent(timer.executor);
  private final RecordingCaller a = new RecordingCaller("a");
  private final RecordingCaller b = new RecordingCaller("b");

  private boolean isSet() throws ProtocolException {
    return a.reply(a.call(event, Operations.Event.IS_SET)).payload.readBoolean();
  }

  @Test
  void setWakesEveryWaiterAndLaterWaitsReturnAtOnce() throws Exception {
    long first = a.call(event, Operations.Event.AWAIT, FOREVER);
    long second = b.call(event, Operations.Event.AWAIT, 1_000_000);
    assertEquals(UNANSWERED, a.status(first));
    assertFalse(isSet());

    a.call(event, Operations.Event.SET);
    assertEquals(ReplyFrame.OK, a.status(first));
    assertEquals(ReplyFrame.OK, b.status(second));
    assertTrue(isSet());
    assertEquals(ReplyFrame.OK, b.status(b.call(event, Operations.Event.AWAIT, FOREVER)));
  }

  @Test
  void clearMakesWaitsWaitAgain() throws Exception {
    a.call(event, Operations.Event.SET);
    a.call(event, Operations.Event.CLEAR);
    assertFalse(isSet());
    assertEquals(ReplyFrame.TIMEOUT, b.status(b.call(event, Operations.Event.AWAIT, 0)));
    long waiting = b.call(event, Operations.Event.AWAIT, FOREVER);
    assertEquals(UNANSWERED, b.status(waiting));
  }

  @Test
  void aTimedWaitTimesOut() {
    long timed = a.call(event, Operations.Event.AWAIT, 2_000_000);
    assertEquals(2_000_000, timer.deadlines.get(0).nanos);
    timer.fireAll();
    assertEquals(ReplyFrame.TIMEOUT, a.status(timed));
  }

  @Test
  void cancelCallerGoneAndClose() {
    long cancelled = a.call(event, Operations.Event.AWAIT, FOREVER);
    long dropped = b.call(event, Operations.Event.AWAIT, FOREVER);
    event.cancel(a, cancelled);
    assertEquals(ReplyFrame.CANCELLED, a.status(cancelled));
    event.callerGone(b);
    long closed = a.call(event, Operations.Event.AWAIT, FOREVER);
    event.close();
    assertEquals(ReplyFrame.CLOSED, a.status(closed));
    assertEquals(UNANSWERED, b.status(dropped));
    assertEquals(ReplyFrame.CLOSED, b.status(b.call(event, Operations.Event.SET)));
  }
}
