package org.multiprocessing4j.core.internal;

import java.net.ProtocolException;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The state of a {@link QueueProxy queue} (and {@link JoinableQueueProxy joinable queue}) in the
 * JVM of its manager: the items as their callers serialized them, the gets waiting for an item, the
 * puts waiting for room, the joins waiting for every item to be done, and the count of items not
 * done yet.
 *
 * <p>Invariants, under this object's lock: gets wait only while there is no item; puts wait only
 * while the queue is full.
 */
final class QueueObject implements SharedObject {
  private final int maxSize;
  private final ArrayDeque<StoredBytes> items = new ArrayDeque<>();
  private final KeptCalls<Void> getters;
  private final KeptCalls<StoredBytes> putters;
  private final KeptCalls<Void> joiners;
  private int unfinished;
  private boolean closed;

  /**
   * Creates an empty queue.
   *
   * @param maxSize the most items it holds, or 0 for no bound
   * @param timer where the deadlines of waiting calls run
   */
  QueueObject(int maxSize, ScheduledExecutorService timer) {
    this.maxSize = maxSize;
    this.getters = new KeptCalls<>(this, timer);
    this.putters = new KeptCalls<>(this, timer);
    this.joiners = new KeptCalls<>(this, timer);
  }

  @Override
  public synchronized void handle(Call call) {
    if (closed) {
      call.answer(Reply.CLOSED, KeptCalls.MANAGER_CLOSED);
      return;
    }
    try {
      switch (call.operation()) {
        case QueueProxy.PUT -> put(call, call.args().readLong());
        case QueueProxy.GET -> get(call, call.args().readLong());
        case QueueProxy.SIZE -> call.send(call.okFrame().writeInt(items.size()));
        case QueueProxy.TASK_DONE -> taskDone(call);
        case QueueProxy.JOIN -> join(call, call.args().readLong());
        default -> call.answer(Reply.REFUSED, "unknown queue operation " + call.operation());
      }
    } catch (ProtocolException garbled) {
      call.answer(Reply.REFUSED, "garbled queue call: " + garbled.getMessage());
    }
  }

  private void put(Call call, long timeoutNanos) {
    StoredBytes item = StoredBytes.rest(call.args());
    if (hasRoom()) {
      add(item);
      call.ok();
    } else if (timeoutNanos == 0) {
      call.answer(Reply.TIMEOUT);
    } else {
      putters.keep(call, item, timeoutNanos);
    }
  }

  private boolean hasRoom() {
    return maxSize == 0 || items.size() < maxSize;
  }

  /** Hands {@code item} to the get waiting longest whose caller is still there, else keeps it. */
  private void add(StoredBytes item) {
    unfinished++;
    for (KeptCalls.Kept<Void> getter = getters.poll(); getter != null; getter = getters.poll()) {
      if (hand(getter.call, item)) {
        return;
      }
    }
    items.addLast(item);
  }

  private void get(Call call, long timeoutNanos) {
    StoredBytes head = items.pollFirst();
    if (head != null) {
      if (hand(call, head)) {
        admitWaitingPuts();
      } else {
        items.addFirst(head);
      }
    } else if (timeoutNanos == 0) {
      call.answer(Reply.TIMEOUT);
    } else {
      getters.keep(call, null, timeoutNanos);
    }
  }

  private static boolean hand(Call call, StoredBytes item) {
    return call.send(item.appendTo(call.okFrame()));
  }

  /** A put that waited for room is done once its caller hears so; a gone caller's put is not. */
  private void admitWaitingPuts() {
    while (hasRoom() && !putters.isEmpty()) {
      KeptCalls.Kept<StoredBytes> putter = putters.poll();
      if (putter.call.ok()) {
        add(putter.argument);
      }
    }
  }

  private void taskDone(Call call) {
    if (unfinished == 0) {
      // Python's words: JoinableQueue.task_done raises ValueError with this message.
      call.answer(Reply.REFUSED, "task_done() called too many times");
      return;
    }
    unfinished--;
    call.ok();
    if (unfinished == 0) {
      for (KeptCalls.Kept<Void> joiner = joiners.poll(); joiner != null; joiner = joiners.poll()) {
        joiner.call.ok();
      }
    }
  }

  private void join(Call call, long timeoutNanos) {
    if (unfinished == 0) {
      call.ok();
    } else if (timeoutNanos == 0) {
      call.answer(Reply.TIMEOUT);
    } else {
      joiners.keep(call, null, timeoutNanos);
    }
  }

  @Override
  public synchronized void cancel(Caller caller, long callId) {
    if (!getters.cancel(caller, callId) && !putters.cancel(caller, callId)) {
      joiners.cancel(caller, callId);
    }
  }

  @Override
  public synchronized void callerGone(Caller caller) {
    getters.drop(caller);
    putters.drop(caller);
    joiners.drop(caller);
  }

  @Override
  public synchronized void close() {
    closed = true;
    items.clear();
    getters.closeAll();
    putters.closeAll();
    joiners.closeAll();
  }
}
