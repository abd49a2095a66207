package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
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
  /** About how many item bytes one {@link QueueProxy#DRAIN} reply carries. */
  static final int BATCH_BYTES = 1 << 20;

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
      case Operations.Queue.DRAIN -> drain(call, call.args().readInt());
      case Operations.Queue.PEEK -> peek(call);
      case Operations.Queue.SNAPSHOT -> snapshot(call);
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

  /**
   * Takes up to {@code max} items from the head, and no more than about {@link #BATCH_BYTES} of
   * them unless the first alone is larger, so that the reply stays far below any frame limit.
   */
  private void drain(Call call, int max) {
    List<StoredBytes> taken = new ArrayList<>();
    long bytes = 0;
    while (taken.size() < max
        && !items.isEmpty()
        && (taken.isEmpty() || bytes + items.peekFirst().length() <= BATCH_BYTES)) {
      StoredBytes item = items.pollFirst();
      taken.add(item);
      bytes += item.length();
    }
    FrameWriter reply =
        ReplyFrame.start(call.callId(), ReplyFrame.OK, (int) bytes + 5)
            .writeBoolean(items.isEmpty())
            .writeInt(taken.size());
    taken.forEach(item -> item.appendTo(reply));
    if (call.send(reply)) {
      admitWaitingPuts();
    } else {
      for (int i = taken.size() - 1; i >= 0; i--) {
        items.addFirst(taken.get(i));
      }
    }
  }

  private void peek(Call call) {
    StoredBytes head = items.peekFirst();
    if (head == null) {
      call.answer(ReplyFrame.TIMEOUT);
    } else {
      call.send(head.reply(call));
    }
  }

  private void snapshot(Call call) {
    long bytes = 0;
    for (StoredBytes item : items) {
      bytes += item.length();
    }
    FrameWriter reply =
        ReplyFrame.start(
                call.callId(), ReplyFrame.OK, (int) Math.min(Integer.MAX_VALUE - 64, bytes + 4))
            .writeInt(items.size());
    items.forEach(item -> item.appendTo(reply));
    call.send(reply);
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
