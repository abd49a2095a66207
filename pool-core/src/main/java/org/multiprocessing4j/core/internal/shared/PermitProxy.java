package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Permit.ACQUIRE;
import static org.multiprocessing4j.core.internal.wire.Operations.Permit.RELEASE;

import java.time.Duration;

/**
 * What a {@link LockProxy} and a {@link SemaphoreProxy} share: acquiring and releasing, which both
 * objects answer alike.
 */
abstract class PermitProxy extends ObjectProxy {
  PermitProxy(long id) {
    super(id);
  }

  public final void acquire() throws InterruptedException {
    call(timedFrame(ACQUIRE, WaitTime.FOREVER));
  }

  public final boolean tryAcquire() {
    return callPromptly(timedFrame(ACQUIRE, 0)).isOk();
  }

  public final boolean tryAcquire(Duration timeout) throws InterruptedException {
    return callWithin(ACQUIRE, timeout).isOk();
  }

  public final void release() {
    callPromptly(frame(RELEASE, 0));
  }
}
