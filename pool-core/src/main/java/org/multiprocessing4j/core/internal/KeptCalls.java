package org.multiprocessing4j.core.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls that an object keeps to answer later, in the order they came, each with what it carries and
 * its deadline on the manager's timer. Guarded by its object's lock, which a timeout takes too, so
 * that a call is answered once: by its object, by its timeout, by a cancel, or by a close.
 *
 * @param <A> what a kept call carries, for example the item of a put that waits for room
 */
final class KeptCalls<A> {
  /** What callers of an object whose manager closed are told. */
  static final String MANAGER_CLOSED = "The Manager that owns this shared object is closed";

  /** One kept call. */
  static final class Kept<A> {
    final Call call;
    final A argument;
    private ScheduledFuture<?> deadline;

    private Kept(Call call, A argument) {
      this.call = call;
      this.argument = argument;
    }

    private void forgetDeadline() {
      if (deadline != null) {
        deadline.cancel(false);
      }
    }
  }

  private final Object lock;
  private final ScheduledExecutorService timer;
  private final ArrayDeque<Kept<A>> calls = new ArrayDeque<>();

  /**
   * Creates an empty set of kept calls.
   *
   * @param lock the lock of the object that keeps the calls; held by every caller of these methods
   * @param timer where deadlines run
   */
  KeptCalls(Object lock, ScheduledExecutorService timer) {
    this.lock = lock;
    this.timer = timer;
  }

  /**
   * Keeps {@code call} behind those kept before it. Unless {@code timeoutNanos} is negative (wait
   * for ever), the call is answered {@link Reply#TIMEOUT} once that time has passed.
   */
  void keep(Call call, A argument, long timeoutNanos) {
    Kept<A> kept = new Kept<>(call, argument);
    calls.addLast(kept);
    if (timeoutNanos >= 0) {
      kept.deadline = timer.schedule(() -> expire(kept), timeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  boolean isEmpty() {
    return calls.isEmpty();
  }

  /** The call kept longest, or null; it stays kept. */
  Kept<A> peek() {
    return calls.peekFirst();
  }

  /** Stops keeping the call kept longest and returns it for its answer, or null if none. */
  Kept<A> poll() {
    Kept<A> kept = calls.pollFirst();
    if (kept != null) {
      kept.forgetDeadline();
    }
    return kept;
  }

  /** Answers {@code callId} of {@code caller} {@link Reply#CANCELLED} if it is kept here. */
  boolean cancel(Caller caller, long callId) {
    for (Iterator<Kept<A>> each = calls.iterator(); each.hasNext(); ) {
      Kept<A> kept = each.next();
      if (kept.call.caller() == caller && kept.call.callId() == callId) {
        each.remove();
        kept.forgetDeadline();
        kept.call.answer(Reply.CANCELLED);
        return true;
      }
    }
    return false;
  }

  /** Drops the calls of a caller that is gone, unanswered: nobody would read the answer. */
  void drop(Caller caller) {
    for (Iterator<Kept<A>> each = calls.iterator(); each.hasNext(); ) {
      Kept<A> kept = each.next();
      if (kept.call.caller() == caller) {
        each.remove();
        kept.forgetDeadline();
      }
    }
  }

  /** The manager closed: answers every kept call {@link Reply#CLOSED}. */
  void closeAll() {
    for (Kept<A> kept = poll(); kept != null; kept = poll()) {
      kept.call.answer(Reply.CLOSED, MANAGER_CLOSED);
    }
  }

  private void expire(Kept<A> kept) {
    synchronized (lock) {
      if (calls.remove(kept)) {
        kept.call.answer(Reply.TIMEOUT);
      }
    }
  }
}
