package org.multiprocessing4j.core.internal.wire;

import java.net.ProtocolException;

/**
 * {@link Protocol#CALLS}, worker to parent: one-way {@link CallFrame CALL}s gathered into one
 * frame, so that a child putting in a loop costs one write per batch rather than per item. Layout:
 * type, then per call its length (4 bytes) and its CALL frame.
 */
public final class CallsFrame {
  private CallsFrame() {}

  /** Starts a batch, with room for at least {@code firstCallBytes} of its first call. */
  public static FrameWriter start(int firstCallBytes) {
    return new FrameWriter(Math.max(1024, firstCallBytes + 5)).writeByte(Protocol.CALLS);
  }

  /** Appends a CALL frame to a batch {@link #start} began. */
  public static void append(FrameWriter batch, FrameWriter call) {
    batch.writeInt(call.size());
    batch.write(call.array(), 0, call.size());
  }

  /**
   * A reader of the batch {@code frame}, for {@link #next}.
   *
   * @throws ProtocolException if it is not a CALLS frame
   */
  public static FrameReader open(byte[] frame) throws ProtocolException {
    return Protocol.open(frame, Protocol.CALLS);
  }

  /**
   * A reader of the next call in {@code batch}, which {@link #open} began, or null after the last.
   *
   * @throws ProtocolException if the batch ends inside a call
   */
  public static FrameReader next(FrameReader batch) throws ProtocolException {
    if (batch.remaining() == 0) {
      return null;
    }
    int length = batch.field("a call's length").readInt();
    int start = batch.position();
    batch.field("a call").skip(length);
    return new FrameReader(batch.frame(), start, length);
  }
}
