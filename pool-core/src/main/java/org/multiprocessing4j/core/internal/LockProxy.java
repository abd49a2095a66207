package org.multiprocessing4j.core.internal;

import java.time.Duration;
import org.multiprocessing4j.Lock;

/** A {@link Lock} whose state lives in a {@link SharedLock}, wherever its manager is. */
final class LockProxy extends ObjectProxy implements Lock {
  static final int ACQUIRE = 1;
  static final int RELEASE = 2;
  static final int IS_LOCKED = 3;

  LockProxy(long id) {
    super(id);
  }

  @Override
  public void acquire() throws InterruptedException {
    ProxyCalls.waiting(link(), acquireCall(WaitingCalls.FOREVER));
  }

  @Override
  public boolean tryAcquire() {
    return ProxyCalls.prompt(link(), acquireCall(0)).status == Reply.OK;
  }

  @Override
  public boolean tryAcquire(Duration timeout) throws InterruptedException {
    long nanos = WaitingCalls.timeoutNanos(timeout);
    if (nanos == 0) {
      return tryAcquire();
    }
    return ProxyCalls.waiting(link(), acquireCall(nanos)).status == Reply.OK;
  }

  @Override
  public void release() {
    ProxyCalls.prompt(link(), Call.frame(id, RELEASE, 0));
  }

  @Override
  public boolean isLocked() {
    return ProxyCalls.readBoolean(ProxyCalls.prompt(link(), Call.frame(id, IS_LOCKED, 0)));
  }

  @Override
  public String toString() {
    return "shared Lock " + Long.toHexString(id);
  }

  private FrameWriter acquireCall(long timeoutNanos) {
    return Call.frame(id, ACQUIRE, 8).writeLong(timeoutNanos);
  }
}
