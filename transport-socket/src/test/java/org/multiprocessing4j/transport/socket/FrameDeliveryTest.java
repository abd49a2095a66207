package org.multiprocessing4j.transport.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FrameDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final AtomicLong delivered = new AtomicLong();
  private final List<Throwable> handlerFailures = new CopyOnWriteArrayList<>();
  private final FrameDelivery delivery =
      new FrameDelivery(
          "test-frames",
          new FrameDelivery.Listener() {
            @Override
            public void delivered(int length) {
              delivered.addAndGet(length);
            }

            @Override
            public void handlerFailed(Throwable failure) {
              handlerFailures.add(failure);
            }
          });

  @Test
  void framesAndTheEndWaitForStartThenArriveInOrder() throws Exception {
    RuntimeException cause = new RuntimeException("reset");
    for (int i = 0; i < 100; i++) {
      delivery.frame(new byte[] {(byte) i});
    }
    delivery.end(cause);
    RecordingHandler handler = new RecordingHandler();

    delivery.start(handler);

    for (int i = 0; i < 100; i++) {
      assertArrayEquals(new byte[] {(byte) i}, handler.next(WAIT));
    }
    assertSame(cause, handler.awaitClose(WAIT).orElseThrow());
    assertEquals(100, delivered.get());
    assertThrows(IllegalStateException.class, () -> delivery.start(handler));
  }

  @Test
  void aHandlerThatThrowsIsReportedAndDeliveryGoesOn() throws Exception {
    IllegalStateException bug = new IllegalStateException("bug");
    RecordingHandler handler =
        new RecordingHandler() {
          @Override
          void take(byte[] frame) {
            if (frame[0] == 0) {
              throw bug;
            }
            super.take(frame);
          }
        };
    delivery.start(handler);

    delivery.frame(new byte[] {0});
    delivery.frame(new byte[] {1});
    delivery.end(null);

    assertArrayEquals(new byte[] {1}, handler.next(WAIT));
    assertEquals(Optional.empty(), handler.awaitClose(WAIT));
    assertEquals(List.of(bug), handlerFailures);
  }
}
