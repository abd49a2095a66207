package org.multiprocessing4j.core.internal.wire;

import java.net.ProtocolException;

/**
 * {@link Protocol#CALL}, a call on a shared object, and {@link Protocol#CALL_CANCEL}, its caller
 * giving up on it: from a worker to its parent, or within one JVM. Layout of a CALL: type, call id
 * (8 bytes; 0 for a one-way call, which gets no reply), object id (8), operation (1, one of {@link
 * Operations}), then the operation's arguments up to the end. A CALL_CANCEL is the same header
 * without the operation.
 *
 * <p>A proxy writes its arguments straight after {@link #start}; the object reads them in place
 * from the frame, which it may keep slices of.
 */
public final class CallFrame {
  /** Bytes before a CALL's arguments: type, call id, object id, operation. */
  public static final int HEADER = 1 + 8 + 8 + 1;

  private static final int CALL_ID_AT = 1;
  private static final int OBJECT_ID_AT = 9;
  private static final int OPERATION_AT = 17;
  private static final int CANCEL_LENGTH = 1 + 8 + 8;

  private CallFrame() {}

  /**
   * Starts a CALL frame with room for {@code argumentBytes} of arguments; its call id is set by
   * {@link #setCallId} when it is sent, and stays 0 for a one-way call.
   */
  public static FrameWriter start(long objectId, int operation, int argumentBytes) {
    return new FrameWriter(HEADER + argumentBytes)
        .writeByte(Protocol.CALL)
        .writeLong(0)
        .writeLong(objectId)
        .writeByte(operation);
  }

  /** Sets the call id of a frame {@link #start} began. */
  public static void setCallId(FrameWriter call, long callId) {
    call.patchLong(CALL_ID_AT, callId);
  }

  /**
   * A CALL_CANCEL frame for the call {@code call}, begun by {@link #start}, sent as {@code callId}.
   */
  public static FrameWriter cancel(FrameWriter call, long callId) {
    return new FrameWriter(CANCEL_LENGTH)
        .writeByte(Protocol.CALL_CANCEL)
        .writeLong(callId)
        .writeLong(FrameReader.longAt(call.array(), OBJECT_ID_AT));
  }

  /**
   * Reads past the header of the CALL or CALL_CANCEL frame at {@code reader}'s position, which then
   * is at a CALL's arguments. Read the header's fields with {@link #isCancel}, {@link #callId},
   * {@link #objectId} and {@link #operation}.
   *
   * @return where the frame starts in {@code reader.frame()}, for those
   * @throws ProtocolException if the frame is of another type, or its header ends too soon
   */
  public static int readHeader(FrameReader reader) throws ProtocolException {
    int start = reader.position();
    int type = reader.readByte();
    int header =
        switch (type) {
          case Protocol.CALL -> HEADER;
          case Protocol.CALL_CANCEL -> CANCEL_LENGTH;
          default -> throw Protocol.unknownType(type, "a shared object's call");
        };
    if (reader.remaining() < header - 1) {
      throw new ProtocolException(
          "truncated "
              + Protocol.name(type)
              + " frame: its header needs "
              + header
              + " bytes but the frame has "
              + (reader.remaining() + 1));
    }
    reader.skip(header - 1);
    return start;
  }

  /** Whether the frame at {@code start} is a CALL_CANCEL rather than a CALL. */
  public static boolean isCancel(byte[] frame, int start) {
    return (frame[start] & 0xff) == Protocol.CALL_CANCEL;
  }

  public static long callId(byte[] frame, int start) {
    return FrameReader.longAt(frame, start + CALL_ID_AT);
  }

  public static long objectId(byte[] frame, int start) {
    return FrameReader.longAt(frame, start + OBJECT_ID_AT);
  }

  /** The operation of the CALL frame at {@code start}: not of a CALL_CANCEL. */
  public static int operation(byte[] frame, int start) {
    return frame[start + OPERATION_AT] & 0xff;
  }
}
