package org.multiprocessing4j.core.internal;

import java.time.Duration;
import org.multiprocessing4j.Event;

/** An {@link Event} whose state lives in a {@link SharedEvent}, wherever its manager is. */
final class EventProxy extends ObjectProxy implements Event {
  static final int SET = 1;
  static final int CLEAR = 2;
  static final int IS_SET = 3;
  static final int AWAIT = 4;

  EventProxy(long id) {
    super(id);
  }

  @Override
  public void set() {
    ProxyCalls.prompt(link(), Call.frame(id, SET, 0));
  }

  @Override
  public void clear() {
    ProxyCalls.prompt(link(), Call.frame(id, CLEAR, 0));
  }

  @Override
  public boolean isSet() {
    return ProxyCalls.readBoolean(ProxyCalls.prompt(link(), Call.frame(id, IS_SET, 0)));
  }

  @Override
  public void await() throws InterruptedException {
    ProxyCalls.waiting(link(), awaitCall(WaitingCalls.FOREVER));
  }

  @Override
  public boolean await(Duration timeout) throws InterruptedException {
    long nanos = WaitingCalls.timeoutNanos(timeout);
    if (nanos == 0) {
      return ProxyCalls.prompt(link(), awaitCall(0)).status == Reply.OK;
    }
    return ProxyCalls.waiting(link(), awaitCall(nanos)).status == Reply.OK;
  }

  @Override
  public String toString() {
    return "shared Event " + Long.toHexString(id);
  }

  private FrameWriter awaitCall(long timeoutNanos) {
    return Call.frame(id, AWAIT, 8).writeLong(timeoutNanos);
  }
}
