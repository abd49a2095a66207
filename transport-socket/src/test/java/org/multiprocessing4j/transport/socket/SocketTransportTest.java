package org.multiprocessing4j.transport.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.TransportSettings;

/** Parent and worker ends in one JVM, over real sockets, on every family and I/O flavour. */
@Timeout(60)
class SocketTransportTest {
  private static final Duration WAIT = TransportFixture.WAIT;

  static List<Variant> variants() {
    return Variant.all();
  }

  static List<Variant> families() {
    return Variant.families();
  }

  @ParameterizedTest
  @MethodSource("variants")
  @Timeout(30)
  void framesTravelBothWaysInOrder(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      RecordingHandler atParent = new RecordingHandler();
      RecordingHandler atWorker = new RecordingHandler();
      TransportFixture.Link link = fixture.link("worker-1", atParent, atWorker);
      int count = 2_000;
      for (int i = 0; i < count; i++) {
        link.parent().send(frame(i), frame(i).length);
        link.worker().send(frame(-i), frame(-i).length);
      }
      for (int i = 0; i < count; i++) {
        assertArrayEquals(frame(i), atWorker.next(WAIT), "frame " + i + " to the worker");
        assertArrayEquals(frame(-i), atParent.next(WAIT), "frame " + i + " to the parent");
      }
    }
  }

  /** Frames of 0 to 299 bytes whose content depends on {@code seed}. */
  private static byte[] frame(int seed) {
    byte[] frame = new byte[Math.abs(seed) % 300];
    for (int i = 0; i < frame.length; i++) {
      frame[i] = (byte) (seed * 31 + i);
    }
    return frame;
  }

  @ParameterizedTest
  @MethodSource("families")
  void sendsOnlyTheGivenLengthOfTheArray(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      RecordingHandler atWorker = new RecordingHandler();
      TransportFixture.Link link = fixture.link("worker-1", new RecordingHandler(), atWorker);
      link.parent().send(new byte[] {1, 2, 3, 4, 5}, 3);
      link.parent().send(new byte[] {9}, 0);
      assertArrayEquals(new byte[] {1, 2, 3}, atWorker.next(WAIT));
      assertArrayEquals(new byte[0], atWorker.next(WAIT));
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void carriesA64MebibyteFrameEachWay(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      RecordingHandler atParent = new RecordingHandler();
      RecordingHandler atWorker = new RecordingHandler();
      TransportFixture.Link link = fixture.link("worker-1", atParent, atWorker);
      byte[] big = new byte[64 << 20];
      for (int i = 0; i < big.length; i += 4096) {
        big[i] = (byte) (i >>> 12);
      }
      big[big.length - 1] = 42;

      long start = System.nanoTime();
      link.parent().send(big, big.length);
      byte[] received = atWorker.next(WAIT);
      long there = System.nanoTime();
      link.worker().send(received, received.length);
      byte[] back = atParent.next(WAIT);
      long andBack = System.nanoTime();

      assertArrayEquals(big, back);
      System.out.printf(
          "64 MiB over %s: %d ms there, %d ms back%n",
          variant, (there - start) / 1_000_000, (andBack - there) / 1_000_000);
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void closingTheParentEndClosesBothEnds(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      RecordingHandler atParent = new RecordingHandler();
      RecordingHandler atWorker = new RecordingHandler();
      TransportFixture.Link link = fixture.link("worker-1", atParent, atWorker);

      link.parent().close();

      assertEquals(Optional.empty(), atParent.awaitClose(WAIT));
      assertEquals(Optional.empty(), atWorker.awaitClose(WAIT));
      assertThrows(IOException.class, () -> link.parent().send(new byte[1], 1));
      assertThrows(IOException.class, () -> link.worker().send(new byte[1], 1));
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void closingTheWorkerEndClosesBothEnds(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      RecordingHandler atParent = new RecordingHandler();
      RecordingHandler atWorker = new RecordingHandler();
      TransportFixture.Link link = fixture.link("worker-1", atParent, atWorker);

      link.worker().close();
      link.worker().close();

      assertEquals(Optional.empty(), atWorker.awaitClose(WAIT));
      assertEquals(Optional.empty(), atParent.awaitClose(WAIT));
      assertThrows(IOException.class, () -> link.parent().send(new byte[1], 1));
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void closingTheParentTransportClosesEveryChannel(Variant variant) throws Exception {
    TransportFixture fixture = new TransportFixture(variant);
    RecordingHandler[] handlers = new RecordingHandler[4];
    for (int i = 0; i < 2; i++) {
      handlers[2 * i] = new RecordingHandler();
      handlers[2 * i + 1] = new RecordingHandler();
      fixture.link("worker-" + i, handlers[2 * i], handlers[2 * i + 1]);
    }

    fixture.parent.close();

    for (RecordingHandler handler : handlers) {
      assertEquals(Optional.empty(), handler.awaitClose(WAIT));
    }
    fixture.close();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void framesSentJustBeforeCloseStillArrive(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      RecordingHandler atWorker = new RecordingHandler();
      TransportFixture.Link link = fixture.link("worker-1", new RecordingHandler(), atWorker);
      byte[] payload = new byte[256 << 10];
      for (int i = 0; i < 64; i++) {
        payload[0] = (byte) i;
        link.parent().send(payload.clone(), payload.length);
      }
      link.parent().close();

      for (int i = 0; i < 64; i++) {
        assertEquals((byte) i, atWorker.next(WAIT)[0]);
      }
      assertEquals(Optional.empty(), atWorker.awaitClose(WAIT));
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void aSlowHandlerHoldsTheSenderBackUntilItCatchesUp(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      CountDownLatch release = new CountDownLatch(1);
      RecordingHandler atWorker =
          new RecordingHandler() {
            @Override
            void take(byte[] frame) {
              try {
                release.await();
              } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
              }
              super.take(new byte[] {frame[0]});
            }
          };
      TransportFixture.Link link = fixture.link("worker-1", new RecordingHandler(), atWorker);
      // Far more than every buffer on the way can hold: socket buffers, the sender's high water
      // mark and the receiver's queue add up to a few dozen mebibytes.
      int frames = 128;
      AtomicInteger sent = new AtomicInteger();
      Thread sender =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < frames; i++) {
                    byte[] frame = new byte[1 << 20];
                    frame[0] = (byte) i;
                    link.parent().send(frame, frame.length);
                    sent.incrementAndGet();
                  }
                } catch (IOException failed) {
                  throw new AssertionError(failed);
                }
              });
      sender.start();

      int stalledAt = awaitStall(sent);
      System.out.printf("%s: the sender stalled after %d MiB%n", variant, stalledAt);
      assertTrue(stalledAt < frames / 2, "the sender should stall, but sent " + stalledAt);
      assertEquals(Thread.State.WAITING, sender.getState());

      release.countDown();
      sender.join(WAIT.toMillis());
      assertFalse(sender.isAlive());
      for (int i = 0; i < frames; i++) {
        assertEquals((byte) i, atWorker.next(WAIT)[0]);
      }
    }
  }

  /** Waits until {@code counter} stops moving for a while, and returns where it stopped. */
  private static int awaitStall(AtomicInteger counter) throws InterruptedException {
    int last = -1;
    while (counter.get() != last) {
      last = counter.get();
      Thread.sleep(300);
    }
    return last;
  }

  @ParameterizedTest
  @MethodSource("variants")
  void endsFloodingEachOtherWhileEchoingDoNotDeadlock(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      int frames = 400;
      int size = 64 << 10;
      RecordingHandler atParent = new RecordingHandler();
      AtomicInteger echoed = new AtomicInteger();
      CompletableFuture<FrameChannel> workerEnd = new CompletableFuture<>();
      RecordingHandler atWorker =
          new RecordingHandler() {
            @Override
            void take(byte[] frame) {
              try {
                // Sends from the delivery thread, as a worker answering a task would.
                workerEnd.join().send(frame, frame.length);
                echoed.incrementAndGet();
              } catch (IOException failed) {
                throw new AssertionError(failed);
              }
            }
          };
      TransportFixture.Link link = fixture.link("worker-1");
      workerEnd.complete(link.worker());
      link.parent().start(atParent);
      link.worker().start(atWorker);

      CompletableFuture<Void> parentFlood = flood(link.parent(), frames, size);
      CompletableFuture<Void> workerFlood = flood(link.worker(), frames, size);
      parentFlood.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
      workerFlood.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);

      for (int i = 0; i < 2 * frames; i++) {
        assertEquals(size, atParent.next(WAIT).length);
      }
      assertEquals(frames, echoed.get());
    }
  }

  private static CompletableFuture<Void> flood(FrameChannel channel, int frames, int size) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            for (int i = 0; i < frames; i++) {
              channel.send(new byte[size], size);
            }
          } catch (IOException failed) {
            throw new AssertionError(failed);
          }
        });
  }

  @ParameterizedTest
  @MethodSource("families")
  void framesFromOneThreadKeepTheirOrderAmongManySenders(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      RecordingHandler atWorker = new RecordingHandler();
      TransportFixture.Link link = fixture.link("worker-1", new RecordingHandler(), atWorker);
      int threads = 4;
      int perThread = 500;
      List<CompletableFuture<Void>> senders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        senders.add(
            CompletableFuture.runAsync(
                () -> {
                  try {
                    for (int i = 0; i < perThread; i++) {
                      byte[] frame = ByteBuffer.allocate(8).putInt(thread).putInt(i).array();
                      link.parent().send(frame, frame.length);
                    }
                  } catch (IOException failed) {
                    throw new AssertionError(failed);
                  }
                }));
      }
      CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

      int[] next = new int[threads];
      for (int i = 0; i < threads * perThread; i++) {
        ByteBuffer frame = ByteBuffer.wrap(atWorker.next(WAIT));
        int thread = frame.getInt();
        assertEquals(next[thread]++, frame.getInt(), "order of thread " + thread);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void framesThatArriveBeforeStartWaitForIt(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      TransportFixture.Link link = fixture.link("worker-1");
      link.parent().start(new RecordingHandler());
      for (int i = 0; i < 10; i++) {
        link.parent().send(new byte[] {(byte) i}, 1);
      }
      Thread.sleep(100);
      RecordingHandler atWorker = new RecordingHandler();
      link.worker().start(atWorker);

      for (int i = 0; i < 10; i++) {
        assertArrayEquals(new byte[] {(byte) i}, atWorker.next(WAIT));
      }
      assertThrows(IllegalStateException.class, () -> link.worker().start(atWorker));
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void aHandlerThatThrowsClosesItsChannelWithThatCause(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      IllegalStateException bug = new IllegalStateException("handler bug");
      RecordingHandler atParent = new RecordingHandler();
      RecordingHandler atWorker =
          new RecordingHandler() {
            @Override
            void take(byte[] frame) {
              throw bug;
            }
          };
      TransportFixture.Link link = fixture.link("worker-1", atParent, atWorker);
      link.parent().send(new byte[1], 1);

      assertSame(bug, atWorker.awaitClose(WAIT).orElseThrow());
      assertEquals(Optional.empty(), atParent.awaitClose(WAIT));
    }
  }

  @Test
  void refusesToSendMoreThanTheMaximumFrameSize() throws Exception {
    Variant variant = Variant.families().get(0);
    TransportSettings settings = new TransportSettings("small", 1024, Duration.ofSeconds(2));
    try (TransportFixture fixture = new TransportFixture(variant, settings)) {
      RecordingHandler atWorker = new RecordingHandler();
      TransportFixture.Link link = fixture.link("worker-1", new RecordingHandler(), atWorker);

      assertThrows(IllegalArgumentException.class, () -> link.parent().send(new byte[1025], 1025));
      assertThrows(IndexOutOfBoundsException.class, () -> link.parent().send(new byte[4], 5));
      link.parent().send(new byte[1024], 1024);
      assertEquals(1024, atWorker.next(WAIT).length);
    }
  }
}
