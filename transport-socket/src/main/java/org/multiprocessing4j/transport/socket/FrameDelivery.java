package org.multiprocessing4j.transport.socket;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.multiprocessing4j.spi.FrameHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one channel's frames to its {@link FrameHandler}, in order and one at a time, on a thread
 * of the channel's own. The handler may block (the pool deserializes there) without stalling the
 * I/O thread that serves every other worker. Frames that arrive before {@link #start} wait for it;
 * the end of the stream is delivered once, after the last frame.
 */
final class FrameDelivery {
  private static final Logger log = LoggerFactory.getLogger(FrameDelivery.class);

  /** Hears what the delivery thread did, so that the channel can resume reading or fail. */
  interface Listener {
    /** A frame of {@code length} bytes has left the queue. */
    void delivered(int length);

    /** The handler threw while taking a frame. */
    void handlerFailed(Throwable failure);
  }

  private final ExecutorService thread;
  private final Listener listener;

  // Guarded by this.
  private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
  private FrameHandler handler;
  private boolean draining;
  private boolean ended;
  private Throwable endCause;

  FrameDelivery(String threadName, Listener listener) {
    this.listener = listener;
    // The executor creates its thread on the first frame, so a channel never started costs none.
    this.thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread delivery = new Thread(task, threadName);
              delivery.setDaemon(true);
              return delivery;
            });
  }

  /**
   * Starts delivering to {@code frameHandler}, frames already queued first.
   *
   * @throws IllegalStateException if already started
   */
  void start(FrameHandler frameHandler) {
    Objects.requireNonNull(frameHandler, "frameHandler");
    synchronized (this) {
      if (handler != null) {
        throw new IllegalStateException("The frame channel is already started");
      }
      handler = frameHandler;
      if (!claimDrain()) {
        return;
      }
    }
    thread.execute(this::drain);
  }

  void frame(byte[] frame) {
    synchronized (this) {
      frames.add(frame);
      if (!claimDrain()) {
        return;
      }
    }
    thread.execute(this::drain);
  }

  /** Queues the end of the stream behind the frames; {@code cause} is null for an orderly end. */
  void end(Throwable cause) {
    synchronized (this) {
      ended = true;
      endCause = cause;
      if (!claimDrain()) {
        return;
      }
    }
    thread.execute(this::drain);
  }

  /** Guarded by this. Returns whether the caller must start a drain. */
  private boolean claimDrain() {
    if (handler == null || draining || (frames.isEmpty() && !ended)) {
      return false;
    }
    draining = true;
    return true;
  }

  /** Runs on the delivery thread until the queue is empty, so a burst costs one hand-off. */
  private void drain() {
    while (true) {
      FrameHandler target;
      byte[] frame;
      Throwable cause;
      synchronized (this) {
        frame = frames.poll();
        if (frame == null && !ended) {
          draining = false;
          return;
        }
        target = handler;
        cause = endCause;
      }
      if (frame == null) {
        // Ended and drained. Draining stays claimed for good, so nothing runs after this.
        deliverEnd(target, cause);
        return;
      }
      deliver(target, frame);
    }
  }

  private void deliver(FrameHandler target, byte[] frame) {
    try {
      target.onFrame(frame);
    } catch (RuntimeException | Error failure) {
      listener.handlerFailed(failure);
    } finally {
      listener.delivered(frame.length);
    }
  }

  private void deliverEnd(FrameHandler target, Throwable cause) {
    try {
      target.onClose(cause);
    } catch (RuntimeException | Error failure) {
      log.warn("Frame handler failed in onClose", failure);
    } finally {
      thread.shutdown();
    }
  }
}
