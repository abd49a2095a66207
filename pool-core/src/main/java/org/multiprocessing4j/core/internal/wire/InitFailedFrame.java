package org.multiprocessing4j.core.internal.wire;

import java.io.IOException;

/**
 * {@link Protocol#INIT_FAILED}, worker to parent: the pool's initializer threw, and the worker
 * exits. Layout: type, then a {@link FailureCodec} record of what it threw.
 */
public final class InitFailedFrame {
  private InitFailedFrame() {}

  public static FrameWriter write(FailureCodec codec, Throwable failure) {
    FrameWriter frame = new FrameWriter(1024).writeByte(Protocol.INIT_FAILED);
    codec.write(failure, frame);
    return frame;
  }

  /**
   * Reads what the initializer threw.
   *
   * @throws IOException if it is not an INIT_FAILED frame, or its record is garbled
   */
  public static Throwable read(FailureCodec codec, byte[] frame) throws IOException {
    return codec.read(Protocol.open(frame, Protocol.INIT_FAILED).field("its failure record"));
  }
}
