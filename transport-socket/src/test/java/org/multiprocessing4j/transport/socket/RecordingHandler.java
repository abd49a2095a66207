package org.multiprocessing4j.transport.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.spi.FrameHandler;

/** Keeps what a channel delivers, and checks the delivery rules as it goes. */
class RecordingHandler implements FrameHandler {
  private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Optional<Throwable>> closed = new CompletableFuture<>();
  private final AtomicInteger closes = new AtomicInteger();
  private final AtomicBoolean inFrame = new AtomicBoolean();
  private final AtomicInteger ruleBreaks = new AtomicInteger();

  @Override
  public void onFrame(byte[] frame) {
    if (!inFrame.compareAndSet(false, true) || closed.isDone()) {
      ruleBreaks.incrementAndGet();
    }
    try {
      take(frame);
    } finally {
      inFrame.set(false);
    }
  }

  /** What a subclass does with each frame; the default keeps it. */
  void take(byte[] frame) {
    frames.add(frame);
  }

  @Override
  public void onClose(Throwable cause) {
    if (closes.incrementAndGet() > 1 || inFrame.get()) {
      ruleBreaks.incrementAndGet();
    }
    closed.complete(Optional.ofNullable(cause));
  }

  byte[] next(Duration timeout) throws InterruptedException {
    byte[] frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(frame, "no frame within " + timeout);
    return frame;
  }

  int queued() {
    return frames.size();
  }

  /** Waits for onClose and returns its cause, empty for an orderly close. */
  Optional<Throwable> awaitClose(Duration timeout) throws Exception {
    Optional<Throwable> cause = closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertEquals(0, ruleBreaks.get(), "frames overlapped, or came after onClose, or onClose twice");
    return cause;
  }

  boolean isClosed() {
    return closed.isDone();
  }
}
