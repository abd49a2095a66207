package org.multiprocessing4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.core.internal.FakeCaller.Answer;

class QueueObjectTest {
  private final ManualTimer timer = new ManualTimer();
  private final FakeCaller parent = new FakeCaller("parent");
  private final FakeCaller child = new FakeCaller("child");
  private final FakeCaller other = new FakeCaller("other");

  private QueueObject queue(int maxSize) {
    return new QueueObject(maxSize, timer.executor);
  }

  private static Call put(FakeCaller caller, int item, long timeoutNanos) {
    return caller.call(QueueProxy.PUT, FakeCaller.args().writeLong(timeoutNanos).writeInt(item));
  }

  private static Call putOneWay(FakeCaller caller, int item) {
    return caller.oneWay(QueueProxy.PUT, FakeCaller.args().writeLong(0).writeInt(item));
  }

  private static Call get(FakeCaller caller, long timeoutNanos) {
    return caller.call(QueueProxy.GET, FakeCaller.args().writeLong(timeoutNanos));
  }

  private static Call join(FakeCaller caller, long timeoutNanos) {
    return caller.call(QueueProxy.JOIN, FakeCaller.args().writeLong(timeoutNanos));
  }

  private static Call taskDone(FakeCaller caller) {
    return caller.call(QueueProxy.TASK_DONE, FakeCaller.args());
  }

  private int size(QueueObject queue) throws ProtocolException {
    queue.handle(parent.call(QueueProxy.SIZE, FakeCaller.args()));
    return only(parent.take()).reply().payload.readInt();
  }

  private static Answer only(List<Answer> answers) {
    assertEquals(1, answers.size(), "answers: " + answers);
    return answers.get(0);
  }

  private static int item(Answer answer) throws ProtocolException {
    assertEquals(Reply.OK, answer.status());
    return answer.reply().payload.readInt();
  }

  private static String message(Answer answer) throws ProtocolException {
    return answer.reply().payload.readString();
  }

  @Test
  void itemsComeOutInTheOrderTheyWentIn() throws ProtocolException {
    QueueObject queue = queue(0);
    for (int i = 1; i <= 3; i++) {
      queue.handle(putOneWay(child, i));
    }
    assertEquals(List.of(), child.take(), "a one-way put is not answered");
    assertEquals(3, size(queue));
    for (int i = 1; i <= 3; i++) {
      queue.handle(get(parent, WaitTime.FOREVER));
      assertEquals(i, item(only(parent.take())));
    }
    assertEquals(0, size(queue));
  }

  @Test
  void aGetOnAnEmptyQueueWaitsForThePutThatAnswersIt() throws ProtocolException {
    QueueObject queue = queue(0);
    Call waiting = get(parent, WaitTime.FOREVER);
    queue.handle(waiting);
    assertEquals(List.of(), parent.take());
    assertEquals(0, timer.pending(), "no deadline for a get without timeout");

    queue.handle(putOneWay(child, 7));
    Answer answer = only(parent.take());
    assertEquals(waiting.callId(), answer.callId());
    assertEquals(7, item(answer));
    assertEquals(0, size(queue));
  }

  @Test
  void waitingGetsAreServedInTheOrderTheyCame() throws ProtocolException {
    QueueObject queue = queue(0);
    queue.handle(get(child, WaitTime.FOREVER));
    queue.handle(get(other, WaitTime.FOREVER));
    queue.handle(putOneWay(parent, 1));
    queue.handle(putOneWay(parent, 2));
    assertEquals(1, item(only(child.take())));
    assertEquals(2, item(only(other.take())));
  }

  @Test
  void aGetWithoutTimeOnAnEmptyQueueIsAnsweredAtOnce() {
    QueueObject queue = queue(0);
    queue.handle(get(parent, 0));
    assertEquals(Reply.TIMEOUT, only(parent.take()).status());
    assertEquals(0, timer.deadlines.size());
  }

  @Test
  void aGetTimesOutAndALaterItemStaysInTheQueue() throws ProtocolException {
    QueueObject queue = queue(0);
    queue.handle(get(child, 5_000_000));
    assertEquals(5_000_000, timer.deadlines.get(0).nanos);
    timer.fireAll();
    assertEquals(Reply.TIMEOUT, only(child.take()).status());

    queue.handle(putOneWay(parent, 1));
    assertEquals(List.of(), child.take());
    assertEquals(1, size(queue));
  }

  @Test
  void aGetAnsweredBeforeItsDeadlineForgetsTheDeadline() {
    QueueObject queue = queue(0);
    queue.handle(get(child, 5_000_000));
    queue.handle(putOneWay(parent, 1));
    assertEquals(0, timer.pending());
    timer.fireAll();
    assertEquals(1, child.take().size(), "answered once, with the item");
  }

  @Test
  void aCancelledGetIsAnsweredCancelledAndTakesNothing() throws ProtocolException {
    QueueObject queue = queue(0);
    Call waiting = get(child, WaitTime.FOREVER);
    queue.handle(waiting);
    queue.cancel(child, waiting.callId());
    Answer answer = only(child.take());
    assertEquals(waiting.callId(), answer.callId());
    assertEquals(Reply.CANCELLED, answer.status());

    queue.handle(putOneWay(parent, 1));
    assertEquals(List.of(), child.take());
    assertEquals(1, size(queue));
  }

  @Test
  void aCancelForACallAlreadyAnsweredDoesNothing() {
    QueueObject queue = queue(0);
    queue.handle(putOneWay(parent, 1));
    Call call = get(child, WaitTime.FOREVER);
    queue.handle(call);
    child.take();
    queue.cancel(child, call.callId());
    queue.cancel(other, call.callId());
    assertEquals(List.of(), child.take());
  }

  @Test
  void theWaitingGetsOfAGoneCallerAreDropped() throws ProtocolException {
    QueueObject queue = queue(0);
    queue.handle(get(child, 5_000_000));
    queue.handle(get(child, WaitTime.FOREVER));
    queue.handle(get(other, WaitTime.FOREVER));
    child.gone = true;
    queue.callerGone(child);
    assertEquals(0, timer.pending());

    queue.handle(putOneWay(parent, 1));
    queue.handle(putOneWay(parent, 2));
    assertEquals(1, item(only(other.take())));
    assertEquals(1, size(queue));
  }

  @Test
  void anItemHandedToAGoneCallerGoesToTheNextGetter() throws ProtocolException {
    QueueObject queue = queue(0);
    queue.handle(get(child, WaitTime.FOREVER));
    queue.handle(get(other, WaitTime.FOREVER));
    child.gone = true;
    queue.handle(putOneWay(parent, 1));
    assertEquals(1, item(only(other.take())));
  }

  @Test
  void anItemHandedToAGoneCallerGoesBackToTheHead() throws ProtocolException {
    QueueObject queue = queue(0);
    queue.handle(get(child, WaitTime.FOREVER));
    child.gone = true;
    queue.handle(putOneWay(parent, 1));
    queue.handle(putOneWay(parent, 2));
    assertEquals(2, size(queue));

    queue.handle(get(child, WaitTime.FOREVER));
    assertEquals(2, size(queue), "a get whose answer cannot be delivered takes nothing");
    queue.handle(get(parent, WaitTime.FOREVER));
    assertEquals(1, item(only(parent.take())), "the item put back is still the head");
  }

  @Test
  void aBoundedPutWaitsForRoomAndGetsItWhenAnItemIsTaken() throws ProtocolException {
    QueueObject queue = queue(2);
    queue.handle(put(parent, 1, WaitTime.FOREVER));
    queue.handle(put(parent, 2, WaitTime.FOREVER));
    assertEquals(2, parent.take().size());
    Call waiting = put(child, 3, WaitTime.FOREVER);
    queue.handle(waiting);
    assertEquals(List.of(), child.take());

    queue.handle(get(parent, WaitTime.FOREVER));
    assertEquals(1, item(only(parent.take())));
    Answer admitted = only(child.take());
    assertEquals(waiting.callId(), admitted.callId());
    assertEquals(Reply.OK, admitted.status());
    assertEquals(2, size(queue));
    queue.handle(get(parent, WaitTime.FOREVER));
    queue.handle(get(parent, WaitTime.FOREVER));
    List<Answer> rest = parent.take();
    assertEquals(List.of(2, 3), List.of(item(rest.get(0)), item(rest.get(1))));
  }

  @Test
  void anOfferOnAFullQueueIsRefusedAtOnce() throws ProtocolException {
    QueueObject queue = queue(1);
    queue.handle(put(parent, 1, 0));
    assertEquals(Reply.OK, only(parent.take()).status());
    queue.handle(put(parent, 2, 0));
    assertEquals(Reply.TIMEOUT, only(parent.take()).status());
    assertEquals(1, size(queue));
  }

  @Test
  void aBoundedPutThatTimesOutAddsNothing() throws ProtocolException {
    QueueObject queue = queue(1);
    queue.handle(put(parent, 1, WaitTime.FOREVER));
    parent.take();
    queue.handle(put(child, 2, 1_000_000));
    timer.fireAll();
    assertEquals(Reply.TIMEOUT, only(child.take()).status());
    queue.handle(get(parent, WaitTime.FOREVER));
    assertEquals(1, item(only(parent.take())));
    assertEquals(0, size(queue));
  }

  @Test
  void aCancelledOrGonePutAddsNothing() throws ProtocolException {
    QueueObject queue = queue(1);
    queue.handle(put(parent, 1, WaitTime.FOREVER));
    parent.take();
    Call cancelled = put(child, 2, WaitTime.FOREVER);
    queue.handle(cancelled);
    queue.handle(put(other, 3, WaitTime.FOREVER));
    queue.cancel(child, cancelled.callId());
    assertEquals(Reply.CANCELLED, only(child.take()).status());
    other.gone = true;
    queue.callerGone(other);

    queue.handle(get(parent, WaitTime.FOREVER));
    assertEquals(1, item(only(parent.take())));
    assertEquals(0, size(queue));
  }

  @Test
  void aWaitingPutWhoseCallerIsGoneWhenAdmittedAddsNothing() throws ProtocolException {
    QueueObject queue = queue(1);
    queue.handle(put(parent, 1, WaitTime.FOREVER));
    parent.take();
    queue.handle(put(child, 2, WaitTime.FOREVER));
    queue.handle(put(other, 3, WaitTime.FOREVER));
    child.gone = true;

    queue.handle(get(parent, WaitTime.FOREVER));
    assertEquals(1, item(only(parent.take())));
    assertEquals(Reply.OK, only(other.take()).status());
    queue.handle(get(parent, WaitTime.FOREVER));
    assertEquals(3, item(only(parent.take())));
  }

  @Test
  void closeAnswersEveryWaitingCallClosedAndRefusesLaterCalls() throws ProtocolException {
    QueueObject queue = queue(1);
    queue.handle(put(parent, 1, WaitTime.FOREVER));
    parent.take();
    queue.handle(put(child, 2, 5_000_000));
    queue.handle(join(parent, WaitTime.FOREVER));
    QueueObject empty = queue(0);
    empty.handle(get(other, WaitTime.FOREVER));

    queue.close();
    empty.close();
    assertEquals(Reply.CLOSED, only(child.take()).status());
    Answer join = only(parent.take());
    assertEquals(Reply.CLOSED, join.status());
    assertTrue(message(join).contains("Manager"), "names the cause");
    assertEquals(Reply.CLOSED, only(other.take()).status());
    assertEquals(0, timer.pending());

    queue.handle(get(parent, 0));
    assertEquals(Reply.CLOSED, only(parent.take()).status());
  }

  @Test
  void taskDoneMoreOftenThanItemsWerePutIsRefusedWithPythonsMessage() throws ProtocolException {
    QueueObject queue = queue(0);
    queue.handle(putOneWay(parent, 1));
    queue.handle(taskDone(child));
    assertEquals(Reply.OK, only(child.take()).status());
    queue.handle(taskDone(child));
    Answer refused = only(child.take());
    assertEquals(Reply.REFUSED, refused.status());
    assertEquals("task_done() called too many times", message(refused));
  }

  @Test
  void joinWaitsUntilEveryItemPutIsDone() {
    QueueObject queue = queue(0);
    queue.handle(join(parent, WaitTime.FOREVER));
    assertEquals(Reply.OK, only(parent.take()).status(), "nothing put: nothing to wait for");

    queue.handle(putOneWay(child, 1));
    queue.handle(putOneWay(child, 2));
    queue.handle(get(child, WaitTime.FOREVER));
    queue.handle(get(child, WaitTime.FOREVER));
    child.take();
    Call waiting = join(parent, WaitTime.FOREVER);
    queue.handle(waiting);
    queue.handle(join(other, 0));
    assertEquals(Reply.TIMEOUT, only(other.take()).status());
    queue.handle(taskDone(child));
    assertEquals(List.of(), parent.take());
    queue.handle(taskDone(child));
    Answer joined = only(parent.take());
    assertEquals(waiting.callId(), joined.callId());
    assertEquals(Reply.OK, joined.status());
  }

  @Test
  void aJoinTimesOutOrIsCancelled() {
    QueueObject queue = queue(0);
    queue.handle(putOneWay(child, 1));
    queue.handle(join(parent, 1_000_000));
    timer.fireAll();
    assertEquals(Reply.TIMEOUT, only(parent.take()).status());
    Call cancelled = join(parent, WaitTime.FOREVER);
    queue.handle(cancelled);
    queue.cancel(parent, cancelled.callId());
    assertEquals(Reply.CANCELLED, only(parent.take()).status());
  }

  @Test
  void anUnknownOrGarbledCallIsRefused() {
    QueueObject queue = queue(0);
    queue.handle(parent.call(99, FakeCaller.args()));
    assertEquals(Reply.REFUSED, only(parent.take()).status());
    queue.handle(parent.call(QueueProxy.GET, FakeCaller.args().writeByte(1)));
    assertEquals(Reply.REFUSED, only(parent.take()).status());
  }
}
