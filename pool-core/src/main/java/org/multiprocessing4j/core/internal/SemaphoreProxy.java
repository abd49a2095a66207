package org.multiprocessing4j.core.internal;

import java.time.Duration;
import org.multiprocessing4j.Semaphore;

/** A {@link Semaphore} whose state lives in a {@link SharedSemaphore}, wherever its manager is. */
final class SemaphoreProxy extends ObjectProxy implements Semaphore {
  static final int ACQUIRE = 1;
  static final int RELEASE = 2;
  static final int AVAILABLE = 3;

  SemaphoreProxy(long id) {
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
  public int availablePermits() {
    return ProxyCalls.readInt(ProxyCalls.prompt(link(), Call.frame(id, AVAILABLE, 0)));
  }

  @Override
  public String toString() {
    return "shared Semaphore " + Long.toHexString(id);
  }

  private FrameWriter acquireCall(long timeoutNanos) {
    return Call.frame(id, ACQUIRE, 8).writeLong(timeoutNanos);
  }
}
