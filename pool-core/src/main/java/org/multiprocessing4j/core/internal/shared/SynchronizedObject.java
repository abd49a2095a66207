package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

/**
 * A shared object whose calls run one at a time under its monitor: every one but the map and the
 * list (see {@link SharedCollection}). It refuses calls once its manager closed it and calls it
 * cannot read; the calls it keeps, in the {@link WaitingCalls} made by {@link #waitingCalls}, are
 * cancelled, dropped when their caller is gone, and answered {@link ReplyFrame#CLOSED} when it
 * closes.
 */
abstract class SynchronizedObject implements SharedObject {
  private final String name;
  private final List<WaitingCalls<?>> waitingCalls = new ArrayList<>();
  private boolean closed;

  /**
   * @param name what the object is, for messages: {@code "queue"}, {@code "lock"}
   */
  SynchronizedObject(String name) {
    this.name = name;
  }

  /** Makes a set of waiting calls for this object; to be called while it is constructed. */
  final <A> WaitingCalls<A> waitingCalls(ScheduledExecutorService timer) {
    WaitingCalls<A> calls = new WaitingCalls<>(this, timer);
    waitingCalls.add(calls);
    return calls;
  }

  @Override
  public final synchronized void handle(Call call) {
    if (closed) {
      call.answer(ReplyFrame.CLOSED, SharedObject.CLOSED_MESSAGE);
      return;
    }
    try {
      perform(call);
    } catch (ProtocolException unreadable) {
      call.refuseUnreadable(name, unreadable);
    }
  }

  /**
   * Answers {@code call}, or keeps it to answer later; runs under this object's monitor, while the
   * object is open.
   *
   * @throws ProtocolException if the arguments are garbled or the operation is unknown
   */
  abstract void perform(Call call) throws ProtocolException;

  /** The failure of a call whose operation this object does not have. */
  final ProtocolException unknownOperation(Call call) {
    return call.unknownOperation(name);
  }

  @Override
  public final synchronized void cancel(Caller caller, long callId) {
    for (WaitingCalls<?> calls : waitingCalls) {
      if (calls.cancel(caller, callId)) {
        return;
      }
    }
  }

  /** Drops the calls that {@code caller} keeps waiting; an object that holds more releases it. */
  @Override
  public synchronized void callerGone(Caller caller) {
    for (WaitingCalls<?> calls : waitingCalls) {
      calls.drop(caller);
    }
  }

  /** Answers every waiting call {@link ReplyFrame#CLOSED}; an object that holds more forgets it. */
  @Override
  public synchronized void close() {
    closed = true;
    for (WaitingCalls<?> calls : waitingCalls) {
      calls.closeAll();
    }
  }
}
