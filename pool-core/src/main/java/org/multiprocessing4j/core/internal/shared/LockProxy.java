package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Lock.IS_LOCKED;
import static org.multiprocessing4j.core.internal.wire.Operations.Permit.RELEASE;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import org.multiprocessing4j.Lock;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

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
  public void lock() {
    boolean interrupted = false;
    while (true) {
      try {
        acquire();
        break;
      } catch (InterruptedException e) {
        // An interrupted acquire was cancelled and took nothing: wait again, as lock() must.
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    acquire();
  }

  @Override
  public boolean tryLock() {
    return tryAcquire();
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    return tryAcquire(Duration.ofNanos(unit.toNanos(time)));
  }

  @Override
  public void unlock() {
    ObjectLink resolved = link();
    Reply reply = resolved.callPromptly(frame(RELEASE, 0));
    if (reply.status == ReplyFrame.REFUSED) {
      throw new IllegalMonitorStateException(
          "unlock() of a shared lock that nobody holds (release() throws IllegalStateException)");
    }
    reply.orThrow(resolved.failures());
  }

  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException(
        "A shared Lock has no Condition: a condition shared between processes (Python's"
            + " multiprocessing.Condition) does not exist yet. Signal between processes with a"
            + " shared Event or Queue.");
  }

  @Override
  public String toString() {
    return "shared Lock " + Long.toHexString(id);
  }
}
