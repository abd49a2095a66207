package org.multiprocessing4j.core.internal.wire;

import java.net.ProtocolException;

/**
 * The frames that carry nothing but a task id: {@link Protocol#CANCEL}, parent to worker, and
 * {@link Protocol#CANCELLED}, worker to parent. Layout: type, task id (8 bytes).
 */
public final class TaskIdFrame {
  private static final int LENGTH = 1 + 8;

  private TaskIdFrame() {}

  /** A CANCEL frame: skip task {@code taskId} if it has not started. */
  public static FrameWriter cancel(long taskId) {
    return write(Protocol.CANCEL, taskId);
  }

  /** A CANCELLED frame: task {@code taskId} was skipped before it started. */
  public static FrameWriter cancelled(long taskId) {
    return write(Protocol.CANCELLED, taskId);
  }

  /**
   * Reads the task id of a frame of {@code type}, CANCEL or CANCELLED.
   *
   * @throws ProtocolException if {@code frame} is not of {@code type}, or ends too soon
   */
  public static long read(byte[] frame, int type) throws ProtocolException {
    return Protocol.open(frame, type).field("its task id").readLong();
  }

  private static FrameWriter write(int type, long taskId) {
    return new FrameWriter(LENGTH).writeByte(type).writeLong(taskId);
  }
}
