package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import java.util.concurrent.ScheduledExecutorService;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of a {@link org.multiprocessing4j.Lock}: who holds it, and who waits, first come first
 * served. As in Python, anyone may release it and it is not re-entrant; unlike Python, it is
 * released when its holder's process is gone, so a crash cannot deadlock the other processes.
 */
final class SharedLock extends SynchronizedObject {
  private static final Logger log = LoggerFactory.getLogger(SharedLock.class);

  private final WaitingCalls<Void> waiting;
  private Caller holder;

  SharedLock(ScheduledExecutorService timer) {
    super("lock");
    this.waiting = waitingCalls(timer);
  }

  @Override
  void perform(Call call) throws ProtocolException {
    switch (call.operation()) {
      case Operations.Permit.ACQUIRE -> acquire(call, call.args().readLong());
      case Operations.Permit.RELEASE -> release(call);
      case Operations.Lock.IS_LOCKED -> call.send(call.okFrame().writeBoolean(holder != null));
      default -> throw unknownOperation(call);
    }
  }

  @Override
  public synchronized void callerGone(Caller caller) {
    super.callerGone(caller);
    if (holder == caller) {
      log.warn(
          "{} exited or died holding a lock; the lock is released so that the others can go on"
              + " (Python's would stay locked forever)",
          caller.name());
      handOver();
    }
  }

  private void acquire(Call call, long timeoutNanos) {
    if (holder != null) {
      waiting.keepOrTimeOut(call, null, timeoutNanos);
    } else if (call.ok()) {
      holder = call.caller();
    }
  }

  private void release(Call call) {
    if (holder == null) {
      call.answer(ReplyFrame.REFUSED, SharedSemaphore.RELEASED_TOO_MANY_TIMES);
      return;
    }
    handOver();
    call.ok();
  }

  /** Gives the lock to the longest waiter still there, or frees it. */
  private void handOver() {
    Call next = waiting.answerFirst(Call::ok);
    holder = next == null ? null : next.caller();
  }
}
