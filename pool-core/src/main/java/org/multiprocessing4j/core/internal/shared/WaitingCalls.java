package org.multiprocessing4j.core.internal.shared;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

/**
 * Calls that an object keeps because they must wait (a get on an empty queue, an acquire on a held
 * lock), first come first served, each with what it carries and its timeout on the manager's timer.
 * Guarded by its object's monitor, which every caller of these methods holds and a timeout takes
 * too, so that a call is answered once: by its object, by its timeout, by a cancel, or by a close.
 * Made by {@link SynchronizedObject#waitingCalls}.
 *
 * @param <A> what a waiting call carries, for example the item of a put that waits for room
 */
final class WaitingCalls<A> {

  /** One waiting call. */
  static final class Waiting<A> {
    final Call call;
    final A argument;
    private ScheduledFuture<?> timeout;

    private Waiting(Call call, A argument) {
      this.call = call;
      this.argument = argument;
    }

    private void stopTimeout() {
      if (timeout != null) {
        timeout.cancel(false);
      }
    }
  }

  private final Object monitor;
  private final ScheduledExecutorService timer;
  private final ArrayDeque<Waiting<A>> queue = new ArrayDeque<>();

  /**
   * @param monitor the monitor of the object that keeps the calls; timeouts take it
   * @param timer fires the timeouts
   */
  WaitingCalls(Object monitor, ScheduledExecutorService timer) {
    this.monitor = monitor;
    this.timer = timer;
  }

  /**
   * Keeps {@code call} behind those kept before it, to be answered {@link ReplyFrame#TIMEOUT} once
   * {@code timeoutNanos} have passed, unless that is {@link WaitTime#FOREVER}. A call that may not
   * wait (0 or less) is answered {@link ReplyFrame#TIMEOUT} at once.
   */
  void keepOrTimeOut(Call call, A argument, long timeoutNanos) {
    if (timeoutNanos <= 0) {
      call.answer(ReplyFrame.TIMEOUT);
      return;
    }
    Waiting<A> waiting = new Waiting<>(call, argument);
    queue.addLast(waiting);
    if (timeoutNanos != WaitTime.FOREVER) {
      waiting.timeout = timer.schedule(() -> expire(waiting), timeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Stops keeping the call kept longest and returns it for its answer; null if none waits. */
  Waiting<A> poll() {
    Waiting<A> waiting = queue.pollFirst();
    if (waiting != null) {
      waiting.stopTimeout();
    }
    return waiting;
  }

  /**
   * Answers the call kept longest whose caller is still there: {@code answer} answers a call and
   * says whether its caller got the answer; the calls of callers found gone are dropped.
   *
   * @return the call answered, or null if none was
   */
  Call answerFirst(Predicate<Call> answer) {
    for (Waiting<A> waiting = poll(); waiting != null; waiting = poll()) {
      if (answer.test(waiting.call)) {
        return waiting.call;
      }
    }
    return null;
  }

  /** Answers every kept call with {@code answer}, oldest first. */
  void answerAll(Consumer<Call> answer) {
    for (Waiting<A> waiting = poll(); waiting != null; waiting = poll()) {
      answer.accept(waiting.call);
    }
  }

  /**
   * Answers {@code callId} of {@code caller} {@link ReplyFrame#CANCELLED} if it is kept here.
   *
   * @return whether it was
   */
  boolean cancel(Caller caller, long callId) {
    for (Iterator<Waiting<A>> each = queue.iterator(); each.hasNext(); ) {
      Waiting<A> waiting = each.next();
      if (waiting.call.caller() == caller && waiting.call.callId() == callId) {
        each.remove();
        waiting.stopTimeout();
        waiting.call.answer(ReplyFrame.CANCELLED);
        return true;
      }
    }
    return false;
  }

  /** Drops the calls of a caller that is gone, unanswered: nobody would read the answer. */
  void drop(Caller caller) {
    for (Iterator<Waiting<A>> each = queue.iterator(); each.hasNext(); ) {
      Waiting<A> waiting = each.next();
      if (waiting.call.caller() == caller) {
        each.remove();
        waiting.stopTimeout();
      }
    }
  }

  /** The manager closed: answers every kept call {@link ReplyFrame#CLOSED}. */
  void closeAll() {
    answerAll(call -> call.answer(ReplyFrame.CLOSED, SharedObject.CLOSED_MESSAGE));
  }

  private void expire(Waiting<A> waiting) {
    synchronized (monitor) {
      if (queue.remove(waiting)) {
        waiting.call.answer(ReplyFrame.TIMEOUT);
      }
    }
  }
}
