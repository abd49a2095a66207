package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Lock.IS_LOCKED;

import org.multiprocessing4j.Lock;

/** A {@link Lock} whose state lives in a {@link SharedLock}, wherever its manager is. */
final class LockProxy extends PermitProxy implements Lock {
  LockProxy(long id) {
    super(id);
  }

  @Override
  public boolean isLocked() {
    return callPromptly(frame(IS_LOCKED, 0)).readBoolean();
  }

  @Override
  public String toString() {
    return "shared Lock " + Long.toHexString(id);
  }
}
