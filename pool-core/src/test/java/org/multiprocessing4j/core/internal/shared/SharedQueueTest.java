package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.multiprocessing4j.core.internal.shared.RecordingCaller.UNANSWERED;

import java.net.ProtocolException;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.core.internal.wire.CallFrame;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

class SharedQueueTest {
  private static final long FOREVER = WaitTime.FOREVER;

  private final ManualTimer timer = new ManualTimer();
  private final RecordingCaller parent = new RecordingCaller("parent");
  private final RecordingCaller child = new RecordingCaller("child");
  private final RecordingCaller other = new RecordingCaller("other");

  private SharedQueue queue(int maxSize) {
    return new SharedQueue(maxSize, timer.executor);
  }

  /** A put whose item is an int, which the queue keeps as bytes like any item. */
  private static FrameWriter putFrame(int item, long timeoutNanos) {
    return CallFrame.start(0, Operations.Queue.PUT, 12).writeLong(timeoutNanos).writeInt(item);
  }

  private static long put(RecordingCaller caller, SharedQueue queue, int item, long timeoutNanos) {
    return caller.call(queue, putFrame(item, timeoutNanos));
  }

  private static void putOneWay(RecordingCaller caller, SharedQueue queue, int item) {
    caller.oneWay(queue, putFrame(item, 0));
  }

  private static long get(RecordingCaller caller, SharedQueue queue, long timeoutNanos) {
    return caller.call(queue, Operations.Queue.GET, timeoutNanos);
  }

  private static long join(RecordingCaller caller, SharedQueue queue, long timeoutNanos) {
    return caller.call(queue, Operations.Queue.JOIN, timeoutNanos);
  }

  private static long taskDone(RecordingCaller caller, SharedQueue queue) {
    return caller.call(queue, Operations.Queue.TASK_DONE);
  }

  private int size(SharedQueue queue) throws ProtocolException {
    return parent.reply(parent.call(queue, Operations.Queue.SIZE)).payload.readInt();
  }

  /** The item that {@code get} of {@code caller} was answered with. */
  private static int item(RecordingCaller caller, long get) throws ProtocolException {
    Reply reply = caller.reply(get);
    assertEquals(ReplyFrame.OK, reply.status);
    return reply.payload.readInt();
  }

  @Test
  void itemsComeOutInTheOrderTheyWentIn() throws ProtocolException {
    SharedQueue queue = queue(0);
    for (int i = 1; i <= 3; i++) {
      putOneWay(child, queue, i);
    }
    assertEquals(0, child.replyCount(), "a one-way put is not answered");
    assertEquals(3, size(queue));
    for (int i = 1; i <= 3; i++) {
      assertEquals(i, item(parent, get(parent, queue, FOREVER)));
    }
    assertEquals(0, size(queue));
  }

  @Test
  void aGetOnAnEmptyQueueWaitsForThePutThatAnswersIt() throws ProtocolException {
    SharedQueue queue = queue(0);
    long waiting = get(parent, queue, FOREVER);
    assertEquals(UNANSWERED, parent.status(waiting));
    assertEquals(0, timer.pending(), "no deadline for a get without timeout");

    putOneWay(child, queue, 7);
    assertEquals(7, item(parent, waiting));
    assertEquals(0, size(queue));
  }

  @Test
  void waitingGetsAreServedInTheOrderTheyCame() throws ProtocolException {
    SharedQueue queue = queue(0);
    long first = get(child, queue, FOREVER);
    long second = get(other, queue, FOREVER);
    putOneWay(parent, queue, 1);
    putOneWay(parent, queue, 2);
    assertEquals(1, item(child, first));
    assertEquals(2, item(other, second));
  }

  @Test
  void aGetWithoutTimeOnAnEmptyQueueIsAnsweredAtOnce() {
    SharedQueue queue = queue(0);
    assertEquals(ReplyFrame.TIMEOUT, parent.status(get(parent, queue, 0)));
    assertEquals(0, timer.deadlines.size());
  }

  @Test
  void aGetTimesOutAndALaterItemStaysInTheQueue() throws ProtocolException {
    SharedQueue queue = queue(0);
    long timed = get(child, queue, 5_000_000);
    assertEquals(5_000_000, timer.deadlines.get(0).nanos);
    timer.fireAll();
    assertEquals(ReplyFrame.TIMEOUT, child.status(timed));

    putOneWay(parent, queue, 1);
    assertEquals(1, child.replyCount());
    assertEquals(1, size(queue));
  }

  @Test
  void aGetAnsweredBeforeItsDeadlineForgetsTheDeadline() throws ProtocolException {
    SharedQueue queue = queue(0);
    long timed = get(child, queue, 5_000_000);
    putOneWay(parent, queue, 1);
    assertEquals(0, timer.pending());
    timer.fireAll();
    assertEquals(1, item(child, timed));
    assertEquals(1, child.replyCount(), "answered once, with the item");
  }

  @Test
  void aCancelledGetIsAnsweredCancelledAndTakesNothing() throws ProtocolException {
    SharedQueue queue = queue(0);
    long waiting = get(child, queue, FOREVER);
    queue.cancel(child, waiting);
    assertEquals(ReplyFrame.CANCELLED, child.status(waiting));

    putOneWay(parent, queue, 1);
    assertEquals(1, child.replyCount());
    assertEquals(1, size(queue));
  }

  @Test
  void aCancelForACallAlreadyAnsweredDoesNothing() throws ProtocolException {
    SharedQueue queue = queue(0);
    putOneWay(parent, queue, 1);
    long answered = get(child, queue, FOREVER);
    queue.cancel(child, answered);
    queue.cancel(other, answered);
    assertEquals(1, item(child, answered));
    assertEquals(1, child.replyCount());
  }

  @Test
  void theWaitingGetsOfAGoneCallerAreDropped() throws ProtocolException {
    SharedQueue queue = queue(0);
    get(child, queue, 5_000_000);
    get(child, queue, FOREVER);
    long waiting = get(other, queue, FOREVER);
    child.gone = true;
    queue.callerGone(child);
    assertEquals(0, timer.pending());

    putOneWay(parent, queue, 1);
    putOneWay(parent, queue, 2);
    assertEquals(1, item(other, waiting));
    assertEquals(1, size(queue));
  }

  @Test
  void anItemHandedToAGoneCallerGoesToTheNextGetter() throws ProtocolException {
    SharedQueue queue = queue(0);
    get(child, queue, FOREVER);
    long next = get(other, queue, FOREVER);
    child.gone = true;
    putOneWay(parent, queue, 1);
    assertEquals(1, item(other, next));
  }

  @Test
  void anItemHandedToAGoneCallerGoesBackToTheHead() throws ProtocolException {
    SharedQueue queue = queue(0);
    get(child, queue, FOREVER);
    child.gone = true;
    putOneWay(parent, queue, 1);
    putOneWay(parent, queue, 2);
    assertEquals(2, size(queue));

    get(child, queue, FOREVER);
    assertEquals(2, size(queue), "a get whose answer cannot be delivered takes nothing");
    assertEquals(1, item(parent, get(parent, queue, FOREVER)), "the item put back is the head");
  }

  @Test
  void aBoundedPutWaitsForRoomAndGetsItWhenAnItemIsTaken() throws ProtocolException {
    SharedQueue queue = queue(2);
    assertEquals(ReplyFrame.OK, parent.status(put(parent, queue, 1, FOREVER)));
    assertEquals(ReplyFrame.OK, parent.status(put(parent, queue, 2, FOREVER)));
    long waiting = put(child, queue, 3, FOREVER);
    assertEquals(UNANSWERED, child.status(waiting));

    assertEquals(1, item(parent, get(parent, queue, FOREVER)));
    assertEquals(ReplyFrame.OK, child.status(waiting));
    assertEquals(2, size(queue));
    assertEquals(2, item(parent, get(parent, queue, FOREVER)));
    assertEquals(3, item(parent, get(parent, queue, FOREVER)));
  }

  @Test
  void anOfferOnAFullQueueIsRefusedAtOnce() throws ProtocolException {
    SharedQueue queue = queue(1);
    assertEquals(ReplyFrame.OK, parent.status(put(parent, queue, 1, 0)));
    assertEquals(ReplyFrame.TIMEOUT, parent.status(put(parent, queue, 2, 0)));
    assertEquals(1, size(queue));
  }

  @Test
  void aBoundedPutThatTimesOutAddsNothing() throws ProtocolException {
    SharedQueue queue = queue(1);
    put(parent, queue, 1, FOREVER);
    long timed = put(child, queue, 2, 1_000_000);
    timer.fireAll();
    assertEquals(ReplyFrame.TIMEOUT, child.status(timed));
    assertEquals(1, item(parent, get(parent, queue, FOREVER)));
    assertEquals(0, size(queue));
  }

  @Test
  void aCancelledOrGonePutAddsNothing() throws ProtocolException {
    SharedQueue queue = queue(1);
    put(parent, queue, 1, FOREVER);
    long cancelled = put(child, queue, 2, FOREVER);
    put(other, queue, 3, FOREVER);
    queue.cancel(child, cancelled);
    assertEquals(ReplyFrame.CANCELLED, child.status(cancelled));
    other.gone = true;
    queue.callerGone(other);

    assertEquals(1, item(parent, get(parent, queue, FOREVER)));
    assertEquals(0, size(queue));
  }

  @Test
  void aWaitingPutWhoseCallerIsGoneWhenAdmittedAddsNothing() throws ProtocolException {
    SharedQueue queue = queue(1);
    put(parent, queue, 1, FOREVER);
    put(child, queue, 2, FOREVER);
    long admitted = put(other, queue, 3, FOREVER);
    child.gone = true;

    assertEquals(1, item(parent, get(parent, queue, FOREVER)));
    assertEquals(ReplyFrame.OK, other.status(admitted));
    assertEquals(3, item(parent, get(parent, queue, FOREVER)));
  }

  @Test
  void closeAnswersEveryWaitingCallClosedAndRefusesLaterCalls() throws ProtocolException {
    SharedQueue queue = queue(1);
    put(parent, queue, 1, FOREVER);
    long waitingPut = put(child, queue, 2, 5_000_000);
    long waitingJoin = join(parent, queue, FOREVER);
    SharedQueue empty = queue(0);
    long waitingGet = get(other, empty, FOREVER);

    queue.close();
    empty.close();
    assertEquals(ReplyFrame.CLOSED, child.status(waitingPut));
    Reply join = parent.reply(waitingJoin);
    assertEquals(ReplyFrame.CLOSED, join.status);
    assertEquals(SharedObject.CLOSED_MESSAGE, join.payload.readString(), "names the cause");
    assertEquals(ReplyFrame.CLOSED, other.status(waitingGet));
    assertEquals(0, timer.pending());

    assertEquals(ReplyFrame.CLOSED, parent.status(get(parent, queue, 0)));
  }

  @Test
  void taskDoneMoreOftenThanItemsWerePutIsRefusedWithPythonsMessage() throws ProtocolException {
    SharedQueue queue = queue(0);
    putOneWay(parent, queue, 1);
    assertEquals(ReplyFrame.OK, child.status(taskDone(child, queue)));
    Reply refused = child.reply(taskDone(child, queue));
    assertEquals(ReplyFrame.REFUSED, refused.status);
    assertEquals("task_done() called too many times", refused.payload.readString());
  }

  @Test
  void joinWaitsUntilEveryItemPutIsDone() {
    SharedQueue queue = queue(0);
    long nothingPut = join(parent, queue, FOREVER);
    assertEquals(ReplyFrame.OK, parent.status(nothingPut), "nothing put: nothing to wait for");

    putOneWay(child, queue, 1);
    putOneWay(child, queue, 2);
    get(child, queue, FOREVER);
    get(child, queue, FOREVER);
    long waiting = join(parent, queue, FOREVER);
    assertEquals(ReplyFrame.TIMEOUT, other.status(join(other, queue, 0)));
    taskDone(child, queue);
    assertEquals(UNANSWERED, parent.status(waiting));
    taskDone(child, queue);
    assertEquals(ReplyFrame.OK, parent.status(waiting));
  }

  @Test
  void aJoinTimesOutOrIsCancelled() {
    SharedQueue queue = queue(0);
    putOneWay(child, queue, 1);
    long timed = join(parent, queue, 1_000_000);
    timer.fireAll();
    assertEquals(ReplyFrame.TIMEOUT, parent.status(timed));
    long cancelled = join(parent, queue, FOREVER);
    queue.cancel(parent, cancelled);
    assertEquals(ReplyFrame.CANCELLED, parent.status(cancelled));
  }

  @Test
  void anUnknownOrGarbledCallIsRefused() throws ProtocolException {
    SharedQueue queue = queue(0);
    Reply unknown = parent.reply(parent.call(queue, 99));
    assertEquals(ReplyFrame.REFUSED, unknown.status);
    assertEquals("unreadable queue call: unknown queue operation 99", unknown.payload.readString());
    long garbled = parent.call(queue, CallFrame.start(0, Operations.Queue.GET, 1).writeByte(1));
    assertEquals(ReplyFrame.REFUSED, parent.status(garbled));
  }

  // ---- what BlockingQueue adds ----

  private static long drain(RecordingCaller caller, SharedQueue queue, int max) {
    return caller.call(queue, CallFrame.start(0, Operations.Queue.DRAIN, 4).writeInt(max));
  }

  /** The int items of a DRAIN or SNAPSHOT reply, after its {@code emptied} flag if it has one. */
  private static String items(Reply reply, boolean drained) throws ProtocolException {
    assertEquals(ReplyFrame.OK, reply.status);
    StringBuilder text = new StringBuilder();
    if (drained) {
      text.append(reply.payload.readBoolean() ? "emptied " : "more ");
    }
    int count = reply.payload.readInt();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : ",").append(reply.payload.readInt());
    }
    return text.toString();
  }

  @Test
  void drainTakesFromTheHeadAndLetsAWaitingPutIn() throws ProtocolException {
    SharedQueue queue = queue(2);
    put(parent, queue, 1, 0);
    put(parent, queue, 2, 0);
    long waitingPut = put(child, queue, 3, FOREVER);
    assertEquals(UNANSWERED, child.status(waitingPut));
    assertEquals("more 1", items(parent.reply(drain(parent, queue, 1)), true));
    assertEquals(ReplyFrame.OK, child.status(waitingPut));
    assertEquals("emptied 2,3", items(parent.reply(drain(parent, queue, 10)), true));
    assertEquals("emptied ", items(parent.reply(drain(parent, queue, 10)), true));
  }

  @Test
  void aDrainReplyCarriesAboutABatchOfBytesAtMostButAlwaysOneItem() throws ProtocolException {
    SharedQueue queue = queue(0);
    byte[] big = new byte[SharedQueue.BATCH_BYTES * 3 / 4];
    for (int i = 0; i < 3; i++) {
      FrameWriter put = CallFrame.start(0, Operations.Queue.PUT, big.length + 8).writeLong(0);
      put.write(big, 0, big.length);
      parent.oneWay(queue, put);
    }
    for (int left = 2; left >= 0; left--) {
      Reply reply = parent.reply(drain(parent, queue, 10));
      assertEquals(left == 0, reply.payload.readBoolean());
      assertEquals(1, reply.payload.readInt());
    }
  }

  @Test
  void aDrainWhoseCallerIsGoneLeavesTheItemsInOrder() throws ProtocolException {
    SharedQueue queue = queue(0);
    putOneWay(parent, queue, 1);
    putOneWay(parent, queue, 2);
    child.gone = true;
    drain(child, queue, 10);
    assertEquals("1,2", items(parent.reply(parent.call(queue, Operations.Queue.SNAPSHOT)), false));
  }

  @Test
  void peekAndSnapshotLeaveTheQueueAsItIs() throws ProtocolException {
    SharedQueue queue = queue(0);
    assertEquals(ReplyFrame.TIMEOUT, parent.status(parent.call(queue, Operations.Queue.PEEK)));
    assertEquals("", items(parent.reply(parent.call(queue, Operations.Queue.SNAPSHOT)), false));
    putOneWay(parent, queue, 4);
    putOneWay(parent, queue, 5);
    assertEquals(4, item(parent, parent.call(queue, Operations.Queue.PEEK)));
    assertEquals("4,5", items(parent.reply(parent.call(queue, Operations.Queue.SNAPSHOT)), false));
    assertEquals(2, size(queue));
  }
}
