package org.multiprocessing4j.core.internal;

import java.util.concurrent.ScheduledExecutorService;

/** The state of an {@link org.multiprocessing4j.Event}: the flag, and who waits for it. */
final class SharedEvent implements SharedObject {
  private final WaitingCalls waiting;
  private boolean set;
  private boolean closed;

  SharedEvent(ScheduledExecutorService timer) {
    this.waiting = new WaitingCalls(this, timer);
  }

  @Override
  public synchronized void handle(Call call) {
    if (closed) {
      call.answer(Reply.CLOSED, CoreManager.CLOSED_MESSAGE);
      return;
    }
    switch (call.operation()) {
      case EventProxy.SET -> {
        set = true;
        for (Call waiter : waiting.pollAll()) {
          waiter.ok();
        }
        call.ok();
      }
      case EventProxy.CLEAR -> {
        set = false;
        call.ok();
      }
      case EventProxy.IS_SET -> call.send(call.okFrame().writeBoolean(set));
      case EventProxy.AWAIT -> await(call, WaitingCalls.readTimeout(call));
      default -> throw new IllegalArgumentException("unknown event operation " + call.operation());
    }
  }

  @Override
  public synchronized void cancel(Caller caller, long callId) {
    waiting.cancel(caller, callId);
  }

  @Override
  public synchronized void callerGone(Caller caller) {
    waiting.drop(caller);
  }

  @Override
  public synchronized void close() {
    closed = true;
    waiting.closeAll(CoreManager.CLOSED_MESSAGE);
  }

  private void await(Call call, long timeoutNanos) {
    if (set) {
      call.ok();
    } else if (timeoutNanos <= 0) {
      call.answer(Reply.TIMEOUT);
    } else {
      waiting.keep(call, timeoutNanos);
    }
  }
}
