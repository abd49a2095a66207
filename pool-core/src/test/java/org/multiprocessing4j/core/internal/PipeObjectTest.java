package org.multiprocessing4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.core.internal.FakeCaller.Answer;

class PipeObjectTest {
  private static final int FIRST = 0;
  private static final int SECOND = 1;

  private final ManualTimer timer = new ManualTimer();
  private final PipeObject pipe = new PipeObject(timer.executor);
  private final FakeCaller parent = new FakeCaller("parent");
  private final FakeCaller child = new FakeCaller("child");
  private final FakeCaller other = new FakeCaller("other");

  private void send(FakeCaller caller, int end, int kind, int message) {
    pipe.handle(
        caller.oneWay(
            ConnectionProxy.SEND,
            FakeCaller.args().writeByte(end).writeByte(kind).writeInt(message)));
  }

  private void send(FakeCaller caller, int end, int message) {
    send(caller, end, ConnectionProxy.SERIALIZED, message);
  }

  private Call recv(FakeCaller caller, int end, boolean serializedOnly) {
    Call call =
        caller.call(
            ConnectionProxy.RECV, FakeCaller.args().writeByte(end).writeBoolean(serializedOnly));
    pipe.handle(call);
    return call;
  }

  private Call poll(FakeCaller caller, int end, long timeoutNanos) {
    Call call =
        caller.call(ConnectionProxy.POLL, FakeCaller.args().writeByte(end).writeLong(timeoutNanos));
    pipe.handle(call);
    return call;
  }

  private void close(FakeCaller caller, int end) {
    pipe.handle(caller.call(ConnectionProxy.CLOSE, FakeCaller.args().writeByte(end)));
    assertEquals(Reply.OK, only(caller.take()).status());
  }

  private boolean isClosed(int end) throws ProtocolException {
    pipe.handle(parent.call(ConnectionProxy.IS_CLOSED, FakeCaller.args().writeByte(end)));
    return only(parent.take()).reply().payload.readBoolean();
  }

  private static Answer only(List<Answer> answers) {
    assertEquals(1, answers.size(), "answers: " + answers);
    return answers.get(0);
  }

  private static int outcome(Answer answer) throws ProtocolException {
    assertEquals(Reply.OK, answer.status());
    return answer.reply().payload.readByte();
  }

  /** The message of a reply to a receive, after checking its kind. */
  private static int message(Answer answer, int kind) throws ProtocolException {
    assertEquals(kind, outcome(answer));
    return answer.reply().payload.readInt();
  }

  private static int message(Answer answer) throws ProtocolException {
    return message(answer, ConnectionProxy.SERIALIZED);
  }

  @Test
  void messagesReachTheOtherEndInOrderBothWays() throws ProtocolException {
    send(child, SECOND, 1);
    send(child, SECOND, 2);
    send(parent, FIRST, 3);
    recv(parent, FIRST, true);
    recv(parent, FIRST, true);
    List<Answer> got = parent.take();
    assertEquals(List.of(1, 2), List.of(message(got.get(0)), message(got.get(1))));
    recv(child, SECOND, true);
    assertEquals(3, message(only(child.take())));
  }

  @Test
  void aReceiveWaitsForTheNextMessage() throws ProtocolException {
    Call waiting = recv(parent, FIRST, true);
    assertEquals(List.of(), parent.take());
    send(child, SECOND, 5);
    Answer answer = only(parent.take());
    assertEquals(waiting.callId(), answer.callId());
    assertEquals(5, message(answer));
  }

  @Test
  void aRawMessageIsLeftNextForAReceiveOfObjectsAndTakenAsBytes() throws ProtocolException {
    send(child, SECOND, ConnectionProxy.RAW, 9);
    send(child, SECOND, 10);
    recv(parent, FIRST, true);
    assertEquals(ConnectionProxy.RAW_NEXT, outcome(only(parent.take())));
    recv(parent, FIRST, false);
    assertEquals(9, message(only(parent.take()), ConnectionProxy.RAW));
    recv(parent, FIRST, false);
    assertEquals(10, message(only(parent.take()), ConnectionProxy.SERIALIZED));
  }

  @Test
  void aWaitingReceiveOfObjectsHearsOfARawMessageThatThenGoesToTheNextReceiver()
      throws ProtocolException {
    recv(parent, FIRST, true);
    recv(other, FIRST, false);
    send(child, SECOND, ConnectionProxy.RAW, 9);
    assertEquals(ConnectionProxy.RAW_NEXT, outcome(only(parent.take())));
    assertEquals(9, message(only(other.take()), ConnectionProxy.RAW));
  }

  @Test
  void afterTheOtherEndClosesWhatItSentIsReceivedThenTheEnd() throws ProtocolException {
    send(child, SECOND, 1);
    close(child, SECOND);
    assertTrue(isClosed(SECOND));
    assertFalse(isClosed(FIRST));
    recv(parent, FIRST, true);
    assertEquals(1, message(only(parent.take())));
    recv(parent, FIRST, true);
    assertEquals(ConnectionProxy.END_OF_FILE, outcome(only(parent.take())));
  }

  @Test
  void aWaitingReceiveHearsTheEndWhenTheOtherEndCloses() throws ProtocolException {
    recv(parent, FIRST, true);
    poll(other, FIRST, WaitTime.FOREVER);
    close(child, SECOND);
    assertEquals(ConnectionProxy.END_OF_FILE, outcome(only(parent.take())));
    assertEquals(ConnectionProxy.READY, outcome(only(other.take())));
  }

  @Test
  void aClosedEndReceivesNothingAndItsWaitersAreTold() throws ProtocolException {
    send(child, SECOND, 1);
    recv(other, SECOND, true);
    poll(other, SECOND, 5_000_000);
    close(parent, SECOND);
    List<Answer> told = other.take();
    assertEquals(2, told.size());
    assertEquals(ConnectionProxy.END_CLOSED, outcome(told.get(0)));
    assertEquals(ConnectionProxy.END_CLOSED, outcome(told.get(1)));
    assertEquals(0, timer.pending());

    recv(parent, SECOND, true);
    assertEquals(ConnectionProxy.END_CLOSED, outcome(only(parent.take())));
    poll(parent, SECOND, 0);
    assertEquals(ConnectionProxy.END_CLOSED, outcome(only(parent.take())));
    recv(parent, FIRST, true);
    assertEquals(1, message(only(parent.take())), "the open end still receives");
  }

  @Test
  void closingAnEndTwiceIsHarmless() throws ProtocolException {
    close(parent, FIRST);
    close(child, FIRST);
    assertTrue(isClosed(FIRST));
  }

  @Test
  void messagesSentToOrFromAClosedEndAreDropped() throws ProtocolException {
    close(parent, FIRST);
    send(child, SECOND, 1);
    close(child, SECOND);
    send(child, SECOND, 2);
    assertEquals(List.of(), parent.take());
    assertEquals(List.of(), child.take());
  }

  @Test
  void pollSaysWhetherAReceiveWouldWait() throws ProtocolException {
    poll(parent, FIRST, 0);
    assertEquals(Reply.TIMEOUT, only(parent.take()).status());
    assertEquals(0, timer.deadlines.size());

    Call waiting = poll(parent, FIRST, 2_000_000);
    assertEquals(List.of(), parent.take());
    send(child, SECOND, 1);
    Answer ready = only(parent.take());
    assertEquals(waiting.callId(), ready.callId());
    assertEquals(ConnectionProxy.READY, outcome(ready));
    assertEquals(0, timer.pending());

    poll(parent, FIRST, 0);
    assertEquals(ConnectionProxy.READY, outcome(only(parent.take())), "the message is still there");
  }

  @Test
  void aPollTimesOut() {
    poll(parent, FIRST, 2_000_000);
    assertEquals(2_000_000, timer.deadlines.get(0).nanos);
    timer.fireAll();
    assertEquals(Reply.TIMEOUT, only(parent.take()).status());
  }

  @Test
  void waitingCallsCanBeCancelled() throws ProtocolException {
    Call receive = recv(child, SECOND, true);
    Call poll = poll(child, SECOND, WaitTime.FOREVER);
    pipe.cancel(child, receive.callId());
    pipe.cancel(child, poll.callId());
    List<Answer> answers = child.take();
    assertEquals(Reply.CANCELLED, answers.get(0).status());
    assertEquals(Reply.CANCELLED, answers.get(1).status());
    send(parent, FIRST, 1);
    assertEquals(List.of(), child.take());
    recv(child, SECOND, true);
    assertEquals(1, message(only(child.take())), "the cancelled receive took nothing");
  }

  @Test
  void aMessageHandedToAGoneReceiverStaysNext() throws ProtocolException {
    recv(child, SECOND, true);
    child.gone = true;
    send(parent, FIRST, 1);
    send(parent, FIRST, 2);
    recv(other, SECOND, true);
    assertEquals(1, message(only(other.take())));
  }

  @Test
  void anEndIsClosedWhenEveryCallerThatUsedItIsGone() throws ProtocolException {
    send(child, SECOND, 1);
    recv(other, SECOND, true);
    other.take();
    recv(parent, FIRST, true);
    parent.take();
    recv(parent, FIRST, true);

    child.gone = true;
    pipe.callerGone(child);
    assertFalse(isClosed(SECOND), "another caller still uses it; asking does not use it");
    assertEquals(List.of(), parent.take());
    other.gone = true;
    pipe.callerGone(other);
    assertEquals(ConnectionProxy.END_OF_FILE, outcome(only(parent.take())));
    assertTrue(isClosed(SECOND));
  }

  @Test
  void anEndUsedByACallerThatStaysIsNotClosedWhenOthersGo() throws ProtocolException {
    send(parent, FIRST, 1);
    recv(child, FIRST, true);
    child.gone = true;
    pipe.callerGone(child);
    assertFalse(isClosed(FIRST), "the parent used it and is still there");
    assertFalse(isClosed(SECOND), "nobody used it");
  }

  @Test
  void aGoneCallersWaitingCallsAreDropped() throws ProtocolException {
    recv(child, FIRST, true);
    recv(parent, FIRST, true);
    child.gone = true;
    pipe.callerGone(child);
    send(other, SECOND, 1);
    assertEquals(1, message(only(parent.take())));
  }

  @Test
  void closeAnswersEveryWaitingCallClosedAndRefusesLaterCalls() {
    recv(parent, FIRST, true);
    poll(child, SECOND, 1_000_000);
    pipe.close();
    assertEquals(Reply.CLOSED, only(parent.take()).status());
    assertEquals(Reply.CLOSED, only(child.take()).status());
    assertEquals(0, timer.pending());
    send(child, SECOND, 1);
    recv(parent, FIRST, true);
    assertEquals(Reply.CLOSED, only(parent.take()).status());
  }

  @Test
  void anUnknownEndOrOperationIsRefused() {
    pipe.handle(parent.call(ConnectionProxy.IS_CLOSED, FakeCaller.args().writeByte(2)));
    assertEquals(Reply.REFUSED, only(parent.take()).status());
    pipe.handle(parent.call(99, FakeCaller.args().writeByte(0)));
    assertEquals(Reply.REFUSED, only(parent.take()).status());
  }
}
