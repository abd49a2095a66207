package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import java.util.concurrent.ScheduledExecutorService;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

/**
 * The state of a {@link org.multiprocessing4j.Semaphore}: its free permits, and who waits for one,
 * first come first served. It counts and does not own: permits taken by a process that is gone stay
 * taken, as in Python.
 */
final class SharedSemaphore extends SynchronizedObject {
  /**
   * Python's {@code ValueError} message for a lock or bounded semaphore released once too often.
   */
  static final String RELEASED_TOO_MANY_TIMES = "semaphore or lock released too many times";

  private final WaitingCalls<Void> waiting;
  private final int bound;
  private int permits;

  /**
   * @param permits the permits free at first
   * @param bounded whether to refuse a release that would free more than {@code permits}
   */
  SharedSemaphore(int permits, boolean bounded, ScheduledExecutorService timer) {
    super("semaphore");
    if (permits < 0) {
      throw new IllegalArgumentException(
          "permits must not be negative, got " + permits + ": a semaphore starts with 0 or more");
    }
    this.permits = permits;
    this.bound = bounded ? permits : Integer.MAX_VALUE;
    this.waiting = waitingCalls(timer);
  }

  @Override
  void perform(Call call) throws ProtocolException {
    switch (call.operation()) {
      case Operations.Permit.ACQUIRE -> acquire(call, call.args().readLong());
      case Operations.Permit.RELEASE -> release(call);
      case Operations.Semaphore.AVAILABLE -> call.send(call.okFrame().writeInt(permits));
      default -> throw unknownOperation(call);
    }
  }

  private void acquire(Call call, long timeoutNanos) {
    if (permits == 0) {
      waiting.keepOrTimeOut(call, null, timeoutNanos);
    } else if (call.ok()) {
      permits--;
    }
  }

  private void release(Call call) {
    if (waiting.answerFirst(Call::ok) != null) {
      call.ok();
    } else if (permits >= bound) {
      call.answer(
          ReplyFrame.REFUSED,
          bound == Integer.MAX_VALUE
              ? "a semaphore cannot hold more than " + Integer.MAX_VALUE + " permits"
              : RELEASED_TOO_MANY_TIMES);
    } else {
      permits++;
      call.ok();
    }
  }
}
