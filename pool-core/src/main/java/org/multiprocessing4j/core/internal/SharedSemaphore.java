package org.multiprocessing4j.core.internal;

import java.util.concurrent.ScheduledExecutorService;

/**
 * The state of a {@link org.multiprocessing4j.Semaphore}: its free permits, and who waits for one,
 * first come first served. It counts and does not own: permits taken by a process that is gone stay
 * taken, as in Python.
 */
final class SharedSemaphore implements SharedObject {
  /**
   * Python's {@code ValueError} message for a lock or bounded semaphore released once too often.
   */
  static final String RELEASED_TOO_MANY_TIMES = "semaphore or lock released too many times";

  private final WaitingCalls waiting;
  private final int bound;
  private int permits;
  private boolean closed;

  /**
   * @param permits the permits free at first
   * @param bounded whether to refuse a release that would free more than {@code permits}
   */
  SharedSemaphore(int permits, boolean bounded, ScheduledExecutorService timer) {
    if (permits < 0) {
      throw new IllegalArgumentException(
          "permits must not be negative, got " + permits + ": a semaphore starts with 0 or more");
    }
    this.permits = permits;
    this.bound = bounded ? permits : Integer.MAX_VALUE;
    this.waiting = new WaitingCalls(this, timer);
  }

  @Override
  public synchronized void handle(Call call) {
    if (closed) {
      call.answer(Reply.CLOSED, CoreManager.CLOSED_MESSAGE);
      return;
    }
    switch (call.operation()) {
      case SemaphoreProxy.ACQUIRE -> acquire(call, WaitingCalls.readTimeout(call));
      case SemaphoreProxy.RELEASE -> release(call);
      case SemaphoreProxy.AVAILABLE -> call.send(call.okFrame().writeInt(permits));
      default ->
          throw new IllegalArgumentException("unknown semaphore operation " + call.operation());
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

  private void acquire(Call call, long timeoutNanos) {
    if (permits > 0) {
      if (call.ok()) {
        permits--;
      }
    } else if (timeoutNanos <= 0) {
      call.answer(Reply.TIMEOUT);
    } else {
      waiting.keep(call, timeoutNanos);
    }
  }

  private void release(Call call) {
    for (Call next = waiting.poll(); next != null; next = waiting.poll()) {
      if (next.ok()) {
        call.ok();
        return;
      }
    }
    if (permits >= bound) {
      call.answer(
          Reply.REFUSED,
          bound == Integer.MAX_VALUE
              ? "a semaphore cannot hold more than " + Integer.MAX_VALUE + " permits"
              : RELEASED_TOO_MANY_TIMES);
      return;
    }
    permits++;
    call.ok();
  }
}
