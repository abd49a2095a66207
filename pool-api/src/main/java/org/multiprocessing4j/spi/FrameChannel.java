package org.multiprocessing4j.spi;

import java.io.Closeable;
import java.io.IOException;

/**
 * A two-way, ordered, reliable channel of length-delimited frames between the parent JVM and one
 * worker. Frames are opaque byte arrays; the pool decides what they mean.
 *
 * <p>A worker exits as soon as its channel closes: a transport must make the worker's channel close
 * when the parent JVM dies, however it dies (end of stream on a pipe or socket does that).
 */
public interface FrameChannel extends Closeable {

  /**
   * Starts delivering received frames to {@code handler}. Called once, before any {@link #send}.
   *
   * @param handler receives every frame and, at the end, the close
   * @throws IllegalStateException if already started
   */
  void start(FrameHandler handler);

  /**
   * Queues a frame for sending. Safe to call from many threads; frames from one thread keep their
   * order. The channel batches queued frames and flushes when its queue runs empty, so the call
   * normally returns before the bytes are written. It blocks while the channel holds more unsent
   * bytes than its limit, until the peer reads enough (backpressure).
   *
   * @param frame the frame's bytes; the channel owns the array from now on
   * @param length how many bytes of {@code frame}, from index 0, form the frame
   * @throws IOException if the channel is closed or broken
   * @throws IllegalArgumentException if {@code length} exceeds the channel's maximum frame size
   */
  void send(byte[] frame, int length) throws IOException;

  /**
   * Closes the channel; idempotent. Frames still queued are flushed on a best-effort basis. The
   * handler's {@link FrameHandler#onClose} is called once.
   */
  @Override
  void close();
}
