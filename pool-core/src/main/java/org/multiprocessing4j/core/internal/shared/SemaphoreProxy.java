package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Semaphore.AVAILABLE;

import org.multiprocessing4j.Semaphore;

/** A {@link Semaphore} whose state lives in a {@link SharedSemaphore}, wherever its manager is. */
final class SemaphoreProxy extends PermitProxy implements Semaphore {
  SemaphoreProxy(long id) {
    super(id);
  }

  @Override
  public int availablePermits() {
    return callPromptly(frame(AVAILABLE, 0)).readInt();
  }

  @Override
  public String toString() {
    return "shared Semaphore " + Long.toHexString(id);
  }
}
