package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multiprocessing4j.core.internal.shared.RecordingCaller.UNANSWERED;

import java.net.ProtocolException;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.core.internal.wire.CallFrame;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

class SharedPipeTest {
  private static final int FIRST = 0;
  private static final int SECOND = 1;
  private static final long FOREVER = WaitTime.FOREVER;

  private final ManualTimer timer = new ManualTimer();
  private final SharedPipe pipe = new SharedPipe(timer.executor);
  private final RecordingCaller parent = new RecordingCaller("parent");
  private final RecordingCaller child = new RecordingCaller("child");
  private final RecordingCaller other = new RecordingCaller("other");

  /** Sends a message that is an int, which the pipe keeps as bytes like any message. */
  private void send(RecordingCaller caller, int end, int kind, int message) {
    FrameWriter frame = CallFrame.start(0, Operations.Connection.SEND, 6);
    caller.oneWay(pipe, frame.writeByte(end).writeByte(kind).writeInt(message));
  }

  private void send(RecordingCaller caller, int end, int message) {
    send(caller, end, Operations.Connection.SERIALIZED, message);
  }

  private long recv(RecordingCaller caller, int end, boolean serializedOnly) {
    FrameWriter frame = CallFrame.start(0, Operations.Connection.RECV, 2);
    return caller.call(pipe, frame.writeByte(end).writeBoolean(serializedOnly));
  }

  private long poll(RecordingCaller caller, int end, long timeoutNanos) {
    FrameWriter frame = CallFrame.start(0, Operations.Connection.POLL, 9);
    return caller.call(pipe, frame.writeByte(end).writeLong(timeoutNanos));
  }

  private void close(RecordingCaller caller, int end) {
    long close =
        caller.call(pipe, CallFrame.start(0, Operations.Connection.CLOSE, 1).writeByte(end));
    assertEquals(ReplyFrame.OK, caller.status(close));
  }

  private boolean isClosed(int end) throws ProtocolException {
    long isClosed =
        parent.call(pipe, CallFrame.start(0, Operations.Connection.IS_CLOSED, 1).writeByte(end));
    return parent.reply(isClosed).payload.readBoolean();
  }

  /** The outcome that {@code call} of {@code caller} was answered with. */
  private static int outcome(RecordingCaller caller, long call) throws ProtocolException {
    Reply reply = caller.reply(call);
    assertEquals(ReplyFrame.OK, reply.status);
    return reply.payload.readByte();
  }

  /** The message that {@code recv} of {@code caller} was answered with, after checking its kind. */
  private static int message(RecordingCaller caller, long recv, int kind) throws ProtocolException {
    Reply reply = caller.reply(recv);
    assertEquals(ReplyFrame.OK, reply.status);
    assertEquals(kind, reply.payload.readByte());
    return reply.payload.readInt();
  }

  private static int message(RecordingCaller caller, long recv) throws ProtocolException {
    return message(caller, recv, Operations.Connection.SERIALIZED);
  }

  @Test
  void messagesReachTheOtherEndInOrderBothWays() throws ProtocolException {
    send(child, SECOND, 1);
    send(child, SECOND, 2);
    send(parent, FIRST, 3);
    long first = recv(parent, FIRST, true);
    long second = recv(parent, FIRST, true);
    assertEquals(1, message(parent, first));
    assertEquals(2, message(parent, second));
    assertEquals(3, message(child, recv(child, SECOND, true)));
  }

  @Test
  void aReceiveWaitsForTheNextMessage() throws ProtocolException {
    long waiting = recv(parent, FIRST, true);
    assertEquals(UNANSWERED, parent.status(waiting));
    send(child, SECOND, 5);
    assertEquals(5, message(parent, waiting));
  }

  @Test
  void aRawMessageIsLeftNextForAReceiveOfObjectsAndTakenAsBytes() throws ProtocolException {
    send(child, SECOND, Operations.Connection.RAW, 9);
    send(child, SECOND, 10);
    assertEquals(Operations.Connection.RAW_NEXT, outcome(parent, recv(parent, FIRST, true)));
    assertEquals(9, message(parent, recv(parent, FIRST, false), Operations.Connection.RAW));
    assertEquals(10, message(parent, recv(parent, FIRST, false), Operations.Connection.SERIALIZED));
  }

  @Test
  void aWaitingReceiveOfObjectsHearsOfARawMessageThatThenGoesToTheNextReceiver()
      throws ProtocolException {
    long objects = recv(parent, FIRST, true);
    long bytes = recv(other, FIRST, false);
    send(child, SECOND, Operations.Connection.RAW, 9);
    assertEquals(Operations.Connection.RAW_NEXT, outcome(parent, objects));
    assertEquals(9, message(other, bytes, Operations.Connection.RAW));
  }

  @Test
  void afterTheOtherEndClosesWhatItSentIsReceivedThenTheEnd() throws ProtocolException {
    send(child, SECOND, 1);
    close(child, SECOND);
    assertTrue(isClosed(SECOND));
    assertFalse(isClosed(FIRST));
    assertEquals(1, message(parent, recv(parent, FIRST, true)));
    assertEquals(Operations.Connection.END_OF_FILE, outcome(parent, recv(parent, FIRST, true)));
  }

  @Test
  void aWaitingReceiveHearsTheEndWhenTheOtherEndCloses() throws ProtocolException {
    long receive = recv(parent, FIRST, true);
    long poll = poll(other, FIRST, FOREVER);
    close(child, SECOND);
    assertEquals(Operations.Connection.END_OF_FILE, outcome(parent, receive));
    assertEquals(Operations.Connection.READY, outcome(other, poll));
  }

  @Test
  void aClosedEndReceivesNothingAndItsWaitersAreTold() throws ProtocolException {
    send(child, SECOND, 1);
    long receive = recv(other, SECOND, true);
    long poll = poll(other, SECOND, 5_000_000);
    close(parent, SECOND);
    assertEquals(Operations.Connection.END_CLOSED, outcome(other, receive));
    assertEquals(Operations.Connection.END_CLOSED, outcome(other, poll));
    assertEquals(2, other.replyCount());
    assertEquals(0, timer.pending());

    assertEquals(Operations.Connection.END_CLOSED, outcome(parent, recv(parent, SECOND, true)));
    assertEquals(Operations.Connection.END_CLOSED, outcome(parent, poll(parent, SECOND, 0)));
    assertEquals(1, message(parent, recv(parent, FIRST, true)), "the open end still receives");
  }

  @Test
  void closingAnEndTwiceIsHarmless() throws ProtocolException {
    close(parent, FIRST);
    close(child, FIRST);
    assertTrue(isClosed(FIRST));
  }

  @Test
  void messagesSentToOrFromAClosedEndAreDropped() {
    close(parent, FIRST);
    send(child, SECOND, 1);
    close(child, SECOND);
    send(child, SECOND, 2);
    assertEquals(1, parent.replyCount(), "only the close was answered");
    assertEquals(1, child.replyCount(), "only the close was answered");
  }

  @Test
  void pollSaysWhetherAReceiveWouldWait() throws ProtocolException {
    assertEquals(ReplyFrame.TIMEOUT, parent.status(poll(parent, FIRST, 0)));
    assertEquals(0, timer.deadlines.size());

    long waiting = poll(parent, FIRST, 2_000_000);
    assertEquals(UNANSWERED, parent.status(waiting));
    send(child, SECOND, 1);
    assertEquals(Operations.Connection.READY, outcome(parent, waiting));
    assertEquals(0, timer.pending());

    long again = poll(parent, FIRST, 0);
    assertEquals(Operations.Connection.READY, outcome(parent, again), "the message is still there");
  }

  @Test
  void aPollTimesOut() {
    long timed = poll(parent, FIRST, 2_000_000);
    assertEquals(2_000_000, timer.deadlines.get(0).nanos);
    timer.fireAll();
    assertEquals(ReplyFrame.TIMEOUT, parent.status(timed));
  }

  @Test
  void waitingCallsCanBeCancelled() throws ProtocolException {
    long receive = recv(child, SECOND, true);
    long poll = poll(child, SECOND, FOREVER);
    pipe.cancel(child, receive);
    pipe.cancel(child, poll);
    assertEquals(ReplyFrame.CANCELLED, child.status(receive));
    assertEquals(ReplyFrame.CANCELLED, child.status(poll));
    send(parent, FIRST, 1);
    assertEquals(2, child.replyCount());
    long next = recv(child, SECOND, true);
    assertEquals(1, message(child, next), "the cancelled receive took nothing");
  }

  @Test
  void aMessageHandedToAGoneReceiverStaysNext() throws ProtocolException {
    recv(child, SECOND, true);
    child.gone = true;
    send(parent, FIRST, 1);
    send(parent, FIRST, 2);
    assertEquals(1, message(other, recv(other, SECOND, true)));
  }

  @Test
  void anEndIsClosedWhenEveryCallerThatUsedItIsGone() throws ProtocolException {
    send(child, SECOND, 1);
    recv(other, SECOND, true);
    recv(parent, FIRST, true);
    long waiting = recv(parent, FIRST, true);

    child.gone = true;
    pipe.callerGone(child);
    assertFalse(isClosed(SECOND), "another caller still uses it; asking does not use it");
    assertEquals(UNANSWERED, parent.status(waiting));
    other.gone = true;
    pipe.callerGone(other);
    assertEquals(Operations.Connection.END_OF_FILE, outcome(parent, waiting));
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
    long waiting = recv(parent, FIRST, true);
    child.gone = true;
    pipe.callerGone(child);
    send(other, SECOND, 1);
    assertEquals(1, message(parent, waiting));
  }

  @Test
  void closeAnswersEveryWaitingCallClosedAndRefusesLaterCalls() {
    long receive = recv(parent, FIRST, true);
    long poll = poll(child, SECOND, 1_000_000);
    pipe.close();
    assertEquals(ReplyFrame.CLOSED, parent.status(receive));
    assertEquals(ReplyFrame.CLOSED, child.status(poll));
    assertEquals(0, timer.pending());
    send(child, SECOND, 1);
    assertEquals(ReplyFrame.CLOSED, parent.status(recv(parent, FIRST, true)));
  }

  @Test
  void anUnknownEndOrOperationIsRefused() {
    long noSuchEnd =
        parent.call(pipe, CallFrame.start(0, Operations.Connection.IS_CLOSED, 1).writeByte(2));
    assertEquals(ReplyFrame.REFUSED, parent.status(noSuchEnd));
    long noSuchOperation = parent.call(pipe, CallFrame.start(0, 99, 1).writeByte(0));
    assertEquals(ReplyFrame.REFUSED, parent.status(noSuchOperation));
  }
}
