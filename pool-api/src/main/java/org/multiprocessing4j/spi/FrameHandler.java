package org.multiprocessing4j.spi;

/** Receives what arrives on a {@link FrameChannel}. */
public interface FrameHandler {

  /**
   * Called for each frame received, in order, one at a time, from a thread the transport owns and
   * that may block briefly (the pool deserializes on it). The handler owns {@code frame}.
   *
   * @param frame the frame's bytes, exactly as long as the frame
   */
  void onFrame(byte[] frame);

  /**
   * Called once when the channel is closed, by either side, after the last {@link #onFrame}.
   *
   * @param cause why the channel closed abnormally (for example a bad length prefix or a reset), or
   *     {@code null} for an orderly end of stream or a local {@link FrameChannel#close()}
   */
  void onClose(Throwable cause);
}
