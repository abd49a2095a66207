package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Event.AWAIT;
import static org.multiprocessing4j.core.internal.wire.Operations.Event.CLEAR;
import static org.multiprocessing4j.core.internal.wire.Operations.Event.IS_SET;
import static org.multiprocessing4j.core.internal.wire.Operations.Event.SET;

import java.time.Duration;
import org.multiprocessing4j.Event;

/** An {@link Event} whose state lives in a {@link SharedEvent}, wherever its manager is. */
final class EventProxy extends ObjectProxy implements Event {
  EventProxy(long id) {
    super(id);
  }

  @Override
  public void set() {
    callPromptly(frame(SET, 0));
  }

  @Override
  public void clear() {
    callPromptly(frame(CLEAR, 0));
  }

  @Override
  public boolean isSet() {
    return callPromptly(frame(IS_SET, 0)).readBoolean();
  }

  @Override
  public void await() throws InterruptedException {
    call(timedFrame(AWAIT, WaitTime.FOREVER));
  }

  @Override
  public boolean await(Duration timeout) throws InterruptedException {
    return callWithin(AWAIT, timeout).isOk();
  }

  @Override
  public String toString() {
    return "shared Event " + Long.toHexString(id);
  }
}
