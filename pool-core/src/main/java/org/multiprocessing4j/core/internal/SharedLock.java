package org.multiprocessing4j.core.internal;

import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of a {@link org.multiprocessing4j.Lock}: who holds it, and who waits, first come first
 * served. As in Python, anyone may release it and it is not re-entrant; unlike Python, it is
 * released when its holder's process is gone, so a crash cannot deadlock the other processes.
 */
final class SharedLock implements SharedObject {
  private static final Logger log = LoggerFactory.getLogger(SharedLock.class);

  private final WaitingCalls waiting;
  private Caller holder;
  private boolean closed;

  SharedLock(ScheduledExecutorService timer) {
    this.waiting = new WaitingCalls(this, timer);
  }

  @Override
  public synchronized void handle(Call call) {
    if (closed) {
      call.answer(Reply.CLOSED, CoreManager.CLOSED_MESSAGE);
      return;
    }
    switch (call.operation()) {
      case LockProxy.ACQUIRE -> acquire(call, WaitingCalls.readTimeout(call));
      case LockProxy.RELEASE -> release(call);
      case LockProxy.IS_LOCKED -> call.send(call.okFrame().writeBoolean(holder != null));
      default -> throw new IllegalArgumentException("unknown lock operation " + call.operation());
    }
  }

  @Override
  public synchronized void cancel(Caller caller, long callId) {
    waiting.cancel(caller, callId);
  }

  @Override
  public synchronized void callerGone(Caller caller) {
    waiting.drop(caller);
    if (holder == caller) {
      log.warn(
          "{} exited or died holding a lock; the lock is released so that the others can go on"
              + " (Python's would stay locked forever)",
          caller.name());
      handOver();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    waiting.closeAll(CoreManager.CLOSED_MESSAGE);
  }

  private void acquire(Call call, long timeoutNanos) {
    if (holder == null) {
      if (call.ok()) {
        holder = call.caller();
      }
    } else if (timeoutNanos <= 0) {
      call.answer(Reply.TIMEOUT);
    } else {
      waiting.keep(call, timeoutNanos);
    }
  }

  private void release(Call call) {
    if (holder == null) {
      call.answer(Reply.REFUSED, SharedSemaphore.RELEASED_TOO_MANY_TIMES);
      return;
    }
    handOver();
    call.ok();
  }

  /** Gives the lock to the longest waiter still there, or frees it. */
  private void handOver() {
    for (Call next = waiting.poll(); next != null; next = waiting.poll()) {
      if (next.ok()) {
        holder = next.caller();
        return;
      }
    }
    holder = null;
  }
}
