package org.multiprocessing4j.core.internal;

import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The calls an object keeps because they must wait (an acquire on a held lock), first come first
 * served, each with its timeout on the manager's timer. Not thread-safe on its own: every method
 * runs while holding the owner's monitor, and so do the timeouts, which take it themselves.
 */
final class WaitingCalls {
  /** Timeouts at least this long never fire: the call waits as if it had none. */
  static final long FOREVER = Long.MAX_VALUE;

  private final Object owner;
  private final ScheduledExecutorService timer;
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();

  private static final class Waiting {
    final Call call;
    ScheduledFuture<?> timeout;

    Waiting(Call call) {
      this.call = call;
    }
  }

  /**
   * How a caller's timeout travels: 0 (or less) means do not wait, {@link #FOREVER} means no limit.
   *
   * @throws NullPointerException if {@code timeout} is null
   */
  static long timeoutNanos(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      return 0;
    }
    try {
      return timeout.toNanos();
    } catch (ArithmeticException longerThan292Years) {
      return FOREVER;
    }
  }

  /** Reads a timeout written as {@link #timeoutNanos} returns it, the first argument of a call. */
  static long readTimeout(Call call) {
    try {
      return call.args().readLong();
    } catch (ProtocolException garbled) {
      throw new UncheckedIOException(garbled);
    }
  }

  /**
   * @param owner the monitor that guards this object and its owner; timeouts hold it
   * @param timer fires the timeouts
   */
  WaitingCalls(Object owner, ScheduledExecutorService timer) {
    this.owner = owner;
    this.timer = timer;
  }

  /**
   * Keeps {@code call} until {@link #poll} hands it out, or until {@code timeoutNanos} pass, when
   * it is answered {@link Reply#TIMEOUT}.
   *
   * @param timeoutNanos positive, or {@link #FOREVER}
   */
  void keep(Call call, long timeoutNanos) {
    Waiting waiting = new Waiting(call);
    queue.add(waiting);
    if (timeoutNanos != FOREVER) {
      waiting.timeout = timer.schedule(() -> expire(waiting), timeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Takes the longest-waiting call, its timeout cancelled; {@code null} if none waits. */
  Call poll() {
    Waiting waiting = queue.poll();
    if (waiting == null) {
      return null;
    }
    stopTimeout(waiting);
    return waiting.call;
  }

  /** Takes every waiting call, oldest first, their timeouts cancelled. */
  List<Call> pollAll() {
    List<Call> all = new ArrayList<>(queue.size());
    for (Call call = poll(); call != null; call = poll()) {
      all.add(call);
    }
    return all;
  }

  /** Answers {@link Reply#CANCELLED} to {@code callId} of {@code caller}, if it still waits. */
  void cancel(Caller caller, long callId) {
    for (Iterator<Waiting> it = queue.iterator(); it.hasNext(); ) {
      Waiting waiting = it.next();
      if (waiting.call.caller() == caller && waiting.call.callId() == callId) {
        it.remove();
        stopTimeout(waiting);
        waiting.call.answer(Reply.CANCELLED);
        return;
      }
    }
  }

  /** Forgets every call of {@code caller}, which is gone and wants no answer. */
  void drop(Caller caller) {
    for (Iterator<Waiting> it = queue.iterator(); it.hasNext(); ) {
      Waiting waiting = it.next();
      if (waiting.call.caller() == caller) {
        it.remove();
        stopTimeout(waiting);
      }
    }
  }

  /** Answers every waiting call {@link Reply#CLOSED} with {@code message}. */
  void closeAll(String message) {
    for (Call call : pollAll()) {
      call.answer(Reply.CLOSED, message);
    }
  }

  private void expire(Waiting waiting) {
    synchronized (owner) {
      if (queue.remove(waiting)) {
        waiting.call.answer(Reply.TIMEOUT);
      }
    }
  }

  private static void stopTimeout(Waiting waiting) {
    if (waiting.timeout != null) {
      waiting.timeout.cancel(false);
    }
  }
}
