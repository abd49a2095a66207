package org.multiprocessing4j.core.internal.wire;

import java.net.ProtocolException;

/**
 * {@link Protocol#REPLY}, a shared object's answer to a {@link CallFrame CALL}: from the parent to
 * a worker, or within one JVM. Layout: type, call id (8 bytes), status (1, one of the constants
 * here), then what the operation returns (see {@link Operations}) or what the status carries.
 *
 * <p>The object writes its result straight after {@link #start}; the caller reads it in place.
 */
public final class ReplyFrame {
  /** Bytes before the payload: type, call id, status. */
  public static final int HEADER = 1 + 8 + 1;

  /** The call was done; what it returns follows. */
  public static final int OK = 0;

  /** The operation threw; a {@link FailureCodec} failure record follows. */
  public static final int FAILED = 1;

  /** A waiting call's time ran out. */
  public static final int TIMEOUT = 2;

  /** The caller cancelled the waiting call before it could be done. */
  public static final int CANCELLED = 3;

  /** The object's manager is closed, or the object is unknown here; a message follows. */
  public static final int CLOSED = 4;

  /** The call was refused as wrong; a message follows (for example a lock released while free). */
  public static final int REFUSED = 5;

  private static final int CALL_ID_AT = 1;

  private ReplyFrame() {}

  /** Starts a reply to {@code callId}, to which the object appends what the operation returns. */
  public static FrameWriter start(long callId, int status) {
    return start(callId, status, 64);
  }

  /** Starts a reply to {@code callId} with room for {@code payloadBytes} more without growing. */
  public static FrameWriter start(long callId, int status, int payloadBytes) {
    return new FrameWriter(HEADER + payloadBytes)
        .writeByte(Protocol.REPLY)
        .writeLong(callId)
        .writeByte(status);
  }

  /**
   * The call id of a REPLY frame.
   *
   * @throws ProtocolException if it is not a REPLY frame, or ends too soon
   */
  public static long callId(byte[] frame) throws ProtocolException {
    if (frame.length < HEADER || (frame[0] & 0xff) != Protocol.REPLY) {
      // Read on every reply: a reader is made only to say what is wrong.
      open(frame);
    }
    return FrameReader.longAt(frame, CALL_ID_AT);
  }

  /**
   * A reader of a REPLY frame, positioned at its payload, after {@link #status}.
   *
   * @throws ProtocolException if it is not a REPLY frame, or its header ends too soon
   */
  public static FrameReader open(byte[] frame) throws ProtocolException {
    FrameReader in = Protocol.open(frame, Protocol.REPLY);
    in.field("its header").skip(HEADER - 1);
    return in;
  }

  /** The status of a REPLY frame that {@link #open} read. */
  public static int status(byte[] frame) {
    return frame[HEADER - 1] & 0xff;
  }
}
