package org.multiprocessing4j.core.internal.shared;

import java.time.Duration;
import org.multiprocessing4j.Event;

/** An {@link Event} whose state lives in a {@link SharedEvent}, wherever its manager is. */
final class EventProxy extends ObjectProxy implements Event {
  /** Answered OK once every waiter is woken. */
  static final int SET = 1;

  /** Answered OK. */
  static final int CLEAR = 2;

  /** Answered OK and whether the flag is set. */
  static final int IS_SET = 3;

  /** Timeout in nanoseconds; answered OK once the flag is set, or TIMEOUT. */
  static final int AWAIT = 4;

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
