package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import org.multiprocessing4j.core.internal.wire.CallFrame;
import org.multiprocessing4j.core.internal.wire.FrameReader;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

/**
 * One call on a shared object, as its host reads it from a {@link CallFrame}, and the ways to
 * answer it with a {@link ReplyFrame}.
 *
 * @param caller who called, and where the reply goes
 * @param callId the caller's id for the call, or 0 for one-way
 * @param operation what to do, one of {@code Operations}
 * @param args the arguments, positioned after the header
 */
public record Call(Caller caller, long callId, int operation, FrameReader args) {
  boolean isOneWay() {
    return callId == 0;
  }

  /** Answers {@link ReplyFrame#OK} with nothing more. Does nothing for a one-way call. */
  boolean ok() {
    return isOneWay() || caller.send(ReplyFrame.start(callId, ReplyFrame.OK));
  }

  /**
   * Starts an {@link ReplyFrame#OK} reply to which the caller appends the result, then {@link
   * #send}.
   */
  FrameWriter okFrame() {
    return ReplyFrame.start(callId, ReplyFrame.OK);
  }

  /** Sends a reply started with {@link #okFrame()}; does nothing for a one-way call. */
  boolean send(FrameWriter reply) {
    return isOneWay() || caller.send(reply);
  }

  /**
   * Answers with a status that carries nothing: {@link ReplyFrame#TIMEOUT} or {@link
   * ReplyFrame#CANCELLED}.
   */
  boolean answer(int status) {
    return isOneWay() || caller.send(ReplyFrame.start(callId, status));
  }

  /**
   * Answers {@link ReplyFrame#CLOSED} or {@link ReplyFrame#REFUSED} with a message for the caller.
   */
  boolean answer(int status, String message) {
    return isOneWay() || caller.send(ReplyFrame.start(callId, status).writeString(message));
  }

  /**
   * Answers {@link ReplyFrame#REFUSED} to a call that its object cannot read: its arguments are
   * garbled, or its operation is {@linkplain #unknownOperation unknown}.
   *
   * @param object what the object is, for the message: {@code "queue"}, {@code "map"}
   */
  boolean refuseUnreadable(String object, ProtocolException why) {
    return answer(ReplyFrame.REFUSED, "unreadable " + object + " call: " + why.getMessage());
  }

  /** The failure of a call whose operation {@code object} does not have. */
  ProtocolException unknownOperation(String object) {
    return new ProtocolException("unknown " + object + " operation " + operation);
  }
}
