package org.multiprocessing4j.core.internal.wire;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.List;

/**
 * {@link Protocol#RESULT}, worker to parent: what a task returned and threw. Layout: type, task id
 * (8 bytes), run time in nanoseconds (8), the values' length (4) and {@link ValuesCodec} field, the
 * failure count (4), then per failure the item's index (4) and a {@link FailureCodec} record.
 *
 * <p>Written in three steps straight into the frame the worker sends ({@link #writeHeader}, the
 * values, {@link #endValues}, {@link #writeFailures}), so that the worker can rewrite values it
 * could not serialize; read in place, the values decoded from the frame received without a copy.
 *
 * @param frame the frame read
 * @param taskId the parent's id of the task
 * @param runNanos how long the task ran in the worker
 * @param valuesOffset where the values' {@link ValuesCodec} field starts in {@code frame}
 * @param valuesLength how long that field is
 * @param failureCount how many items failed
 * @param failuresOffset where the failures start in {@code frame}
 */
public record ResultFrame(
    byte[] frame,
    long taskId,
    long runNanos,
    int valuesOffset,
    int valuesLength,
    int failureCount,
    int failuresOffset) {

  /**
   * Appends the start of a RESULT frame to {@code frame}, which should be empty; the values follow.
   *
   * @return where the values start, for {@link #endValues} (and {@link FrameWriter#truncate}, to
   *     write them again)
   */
  public static int writeHeader(FrameWriter frame, long taskId, long runNanos) {
    frame.writeByte(Protocol.RESULT).writeLong(taskId).writeLong(runNanos).writeInt(0);
    return frame.size();
  }

  /** Ends the values that started at {@code valuesStart}: fills in their length. */
  public static void endValues(FrameWriter frame, int valuesStart) {
    frame.patchInt(valuesStart - 4, frame.size() - valuesStart);
  }

  /** Appends the failures, the last fields of a RESULT frame: {@code failed.get(i)} is item i's. */
  public static void writeFailures(
      FrameWriter frame, List<Integer> failedIndexes, List<Throwable> failed, FailureCodec codec) {
    frame.writeInt(failedIndexes.size());
    for (int i = 0; i < failedIndexes.size(); i++) {
      frame.writeInt(failedIndexes.get(i));
      codec.write(failed.get(i), frame);
    }
  }

  /**
   * Reads a RESULT frame's fields up to its failures.
   *
   * @throws ProtocolException if it is not a RESULT frame, or ends too soon
   */
  public static ResultFrame read(byte[] frame) throws ProtocolException {
    FrameReader in = Protocol.open(frame, Protocol.RESULT);
    long taskId = in.field("its task id").readLong();
    long runNanos = in.field("its run time").readLong();
    int valuesLength = in.field("its values' length").readInt();
    int valuesOffset = in.position();
    in.field("its values").skip(valuesLength);
    int failureCount = in.field("its failure count").readInt();
    if (failureCount < 0 || failureCount > in.remaining() / 5) {
      throw in.garbled(failureCount + " failures in " + in.remaining() + " bytes");
    }
    return new ResultFrame(
        frame, taskId, runNanos, valuesOffset, valuesLength, failureCount, in.position());
  }

  /**
   * Decodes the values.
   *
   * @throws ProtocolException if their field is malformed
   * @throws org.multiprocessing4j.SerializationException if the serializer cannot read them
   */
  public Object[] values(ValuesCodec values) throws ProtocolException {
    return values.read(frame, valuesOffset, valuesLength);
  }

  /**
   * Reads the failures into {@code failedIndexes} and {@code failed}, each {@link #failureCount}
   * long: {@code failed[i]} is what item {@code failedIndexes[i]} threw.
   *
   * @throws IOException if a failure record is garbled
   */
  public void readFailures(FailureCodec codec, int[] failedIndexes, Throwable[] failed)
      throws IOException {
    if (failureCount == 0) {
      return;
    }
    FrameReader in = new FrameReader(frame, "RESULT").field("its failures");
    in.skip(failuresOffset);
    for (int i = 0; i < failureCount; i++) {
      failedIndexes[i] = in.field("a failed item's index").readInt();
      failed[i] = codec.read(in.field("a failure record"));
    }
  }
}
