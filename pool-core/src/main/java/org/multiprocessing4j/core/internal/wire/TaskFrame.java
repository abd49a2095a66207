package org.multiprocessing4j.core.internal.wire;

import java.io.IOException;
import java.net.ProtocolException;

/**
 * {@link Protocol#TASK}, parent to worker: one task to run. Layout: type, task id (8 bytes), the
 * function's cache id (4; 0: the worker must not cache it), the serialized function's length (4)
 * and bytes, then the items as a {@link ValuesCodec} field up to the end of the frame.
 *
 * <p>Written straight into the frame the parent sends; read in place: the function and the items
 * are offsets into the frame the worker received, decoded from there without a copy.
 *
 * @param frame the frame read
 * @param taskId the parent's id of the task
 * @param functionId the function's cache id, 0 for one the worker must not cache
 * @param functionOffset where the serialized function starts in {@code frame}
 * @param functionLength how long the serialized function is
 * @param itemsOffset where the items' {@link ValuesCodec} field starts in {@code frame}
 * @param itemsLength how long that field is
 */
public record TaskFrame(
    byte[] frame,
    long taskId,
    int functionId,
    int functionOffset,
    int functionLength,
    int itemsOffset,
    int itemsLength) {
  private static final int TASK_ID_AT = 1;

  /**
   * Appends a TASK frame to {@code frame}, which should be empty.
   *
   * @throws IOException or a runtime exception from the serializer, for items it cannot write
   */
  public static void write(
      FrameWriter frame,
      long taskId,
      int functionId,
      byte[] function,
      ValuesCodec values,
      Object[] items)
      throws IOException {
    frame.writeByte(Protocol.TASK).writeLong(taskId).writeInt(functionId).writeBytes(function);
    values.write(items, frame);
  }

  /**
   * Reads a TASK frame's fields.
   *
   * @throws ProtocolException if it is not a TASK frame, or ends too soon
   */
  public static TaskFrame read(byte[] frame) throws ProtocolException {
    FrameReader in = Protocol.open(frame, Protocol.TASK);
    long taskId = in.field("its task id").readLong();
    int functionId = in.field("its function's cache id").readInt();
    int functionLength = in.field("its function's length").readInt();
    int functionOffset = in.position();
    in.field("its function").skip(functionLength);
    in.field("its items").require(1);
    return new TaskFrame(
        frame, taskId, functionId, functionOffset, functionLength, in.position(), in.remaining());
  }

  /** Whether {@code frame} is the TASK frame of task {@code taskId}. */
  public static boolean isTask(byte[] frame, long taskId) {
    return frame.length >= TASK_ID_AT + 8
        && (frame[0] & 0xff) == Protocol.TASK
        && FrameReader.longAt(frame, TASK_ID_AT) == taskId;
  }

  /**
   * Decodes the items.
   *
   * @throws ProtocolException if their field is malformed
   * @throws org.multiprocessing4j.SerializationException if the serializer cannot read them
   */
  public Object[] items(ValuesCodec values) throws ProtocolException {
    return values.read(frame, itemsOffset, itemsLength);
  }
}
