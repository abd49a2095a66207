package org.multiprocessing4j.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.spi.FrameHandler;

/**
 * The parent's {@link FrameHandler} in the channel contract: keeps every frame for the test, and
 * counts what a transport must never do (a frame after the close, two frames at once, a second
 * close). It can stall on its first frame until released, or throw from {@code onFrame}.
 */
final class RecordingHandler implements FrameHandler {
  private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
  private final AtomicInteger closes = new AtomicInteger();
  private final AtomicInteger framesAfterClose = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final AtomicInteger inFrame = new AtomicInteger();
  private final AtomicInteger received = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final CountDownLatch stalled = new CountDownLatch(1);
  private final CountDownLatch release;
  private final RuntimeException toThrow;
  private volatile Throwable cause;

  private RecordingHandler(boolean stall, RuntimeException toThrow) {
    this.release = new CountDownLatch(stall ? 1 : 0);
    this.toThrow = toThrow;
  }

  /** Keeps every frame. */
  static RecordingHandler recording() {
    return new RecordingHandler(false, null);
  }

  /** Blocks in {@code onFrame} on the first frame until {@link #release()}. */
  static RecordingHandler stallingOnFirstFrame() {
    return new RecordingHandler(true, null);
  }

  /** Throws {@code failure} from {@code onFrame} for every frame. */
  static RecordingHandler throwing(RuntimeException failure) {
    return new RecordingHandler(false, failure);
  }

  @Override
  public void onFrame(byte[] frame) {
    if (inFrame.incrementAndGet() > 1) {
      overlaps.incrementAndGet();
    }
    try {
      if (closes.get() > 0) {
        framesAfterClose.incrementAndGet();
      }
      received.incrementAndGet();
      if (toThrow != null) {
        throw toThrow;
      }
      frames.add(frame);
      stalled.countDown();
      release.await();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      inFrame.decrementAndGet();
    }
  }

  @Override
  public void onClose(Throwable cause) {
    if (closes.incrementAndGet() == 1) {
      this.cause = cause;
    }
    closed.countDown();
  }

  /** Returns the next frame, failing if none arrives within {@code timeout}. */
  byte[] next(Duration timeout) throws InterruptedException {
    byte[] frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(frame, "no frame arrived within " + timeout + " (closed: " + isClosed() + ")");
    return frame;
  }

  /** Returns the next frame if one is already here, or {@code null}. */
  byte[] poll() {
    return frames.poll();
  }

  /** How many times {@code onFrame} was called. */
  int received() {
    return received.get();
  }

  /** Waits until the handler is blocked in its first frame. */
  void awaitStalled(Duration timeout) throws InterruptedException {
    assertTrue(
        stalled.await(timeout.toMillis(), TimeUnit.MILLISECONDS),
        "no frame arrived within " + timeout);
  }

  /** Lets a stalled {@code onFrame} return. */
  void release() {
    release.countDown();
  }

  boolean isClosed() {
    return closed.getCount() == 0;
  }

  /** Waits for {@code onClose}, failing after {@code timeout}; returns its cause. */
  Throwable awaitClose(Duration timeout) throws InterruptedException {
    assertTrue(
        closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS),
        "onClose was not called within " + timeout);
    return cause;
  }

  /** Fails if the transport broke a rule of delivery so far. */
  void assertDeliveryRulesKept() {
    assertEquals(0, overlaps.get(), "onFrame calls overlapped: frames must come one at a time");
    assertEquals(0, framesAfterClose.get(), "onFrame was called after onClose");
    assertTrue(closes.get() <= 1, "onClose was called " + closes.get() + " times, not once");
  }

  /** Fails unless {@code onClose} was called exactly once. */
  void assertClosedOnce() {
    assertEquals(1, closes.get(), "onClose must be called exactly once");
  }
}
