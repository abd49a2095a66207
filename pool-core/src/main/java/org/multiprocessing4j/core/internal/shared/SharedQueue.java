package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

/**
 * The state of a {@link QueueProxy queue} (and {@link JoinableQueueProxy joinable queue}) in the
 * JVM of its manager: the items as their callers serialized them, the gets waiting for an item, the
 * puts waiting for room, the joins waiting for every item to be done, and the count of items not
 * done yet.
 *
 * <p>Invariants, under this object's monitor: gets wait only while there is no item; puts wait only
 * while the queue is full.
 */
final class SharedQueue extends SynchronizedObject {
  private final int maxSize;
  private final ArrayDeque<StoredBytes> items = new ArrayDeque<>();
  private final WaitingCalls<Void> getters;
  private final WaitingCalls<StoredBytes> putters;
  private final WaitingCalls<Void> joiners;
  private int unfinished;

  /**
   * Creates an empty queue.
   *
   * @param maxSize the most items it holds, or 0 for no bound
   * @param timer where the timeouts of waiting calls run
   */
  SharedQueue(int maxSize, ScheduledExecutorService timer) {
    super("queue");
    this.maxSize = maxSize;
    this.getters = waitingCalls(timer);
    this.putters = waitingCalls(timer);
    this.joiners = waitingCalls(timer);
  }

  @Override
  void perform(Call call) throws ProtocolException {
    switch (call.operation()) {
      case Operations.Queue.PUT -> put(call, call.args().readLong());
      case Operations.Queue.GET -> get(call, call.args().readLong());
      case Operations.Queue.SIZE -> call.send(call.okFrame().writeInt(items.size()));
      case Operations.Queue.TASK_DONE -> taskDone(call);
      case Operations.Queue.JOIN -> join(call, call.args().readLong());
      default -> throw unknownOperation(call);
    }
  }

  private void put(Call call, long timeoutNanos) {
    StoredBytes item = StoredBytes.rest(call.args());
    if (hasRoom()) {
      add(item);
      call.ok();
    } else {
      putters.keepOrTimeOut(call, item, timeoutNanos);
    }
  }

  private boolean hasRoom() {
    return maxSize == 0 || items.size() < maxSize;
  }

  /** Hands {@code item} to the get waiting longest whose caller is still there, else keeps it. */
  private void add(StoredBytes item) {
    unfinished++;
    if (getters.answerFirst(getter -> hand(getter, item)) == null) {
      items.addLast(item);
    }
  }

  private void get(Call call, long timeoutNanos) {
    StoredBytes head = items.pollFirst();
    if (head == null) {
      getters.keepOrTimeOut(call, null, timeoutNanos);
    } else if (hand(call, head)) {
      admitWaitingPuts();
    } else {
      items.addFirst(head);
    }
  }

  private static boolean hand(Call call, StoredBytes item) {
    return call.send(item.reply(call));
  }

  /** A put that waited for room is done once its caller hears so; a gone caller's put is not. */
  private void admitWaitingPuts() {
    while (hasRoom() && !putters.isEmpty()) {
      WaitingCalls.Waiting<StoredBytes> putter = putters.poll();
      if (putter.call.ok()) {
        add(putter.argument);
      }
    }
  }

  private void taskDone(Call call) {
    if (unfinished == 0) {
      // Python's words: JoinableQueue.task_done raises ValueError with this message.
      call.answer(ReplyFrame.REFUSED, "task_done() called too many times");
      return;
    }
    unfinished--;
    call.ok();
    if (unfinished == 0) {
      joiners.answerAll(Call::ok);
    }
  }

  private void join(Call call, long timeoutNanos) {
    if (unfinished == 0) {
      call.ok();
    } else {
      joiners.keepOrTimeOut(call, null, timeoutNanos);
    }
  }

  @Override
  public synchronized void close() {
    super.close();
    items.clear();
  }
}
