package org.multiprocessing4j.transport.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.TooLongFrameException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.TransportSettings;

/**
 * Local processes that connect without being the announced worker. Each must be turned away (or,
 * once authenticated, misbehave only on its own channel) while the listener goes on serving good
 * workers.
 */
@Timeout(30)
class HostilePeerTest {
  private static final Duration HANDSHAKE = Duration.ofSeconds(2);
  private static final Duration PROMPTLY = Duration.ofSeconds(1);
  private static final Duration WAIT = TransportFixture.WAIT;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AtomicInteger goodWorkers = new AtomicInteger();

  static List<Variant> variants() {
    return Variant.all();
  }

  private static TransportFixture fixture(Variant variant) throws IOException {
    return new TransportFixture(variant, new TransportSettings("hostile", 1024, HANDSHAKE));
  }

  /** Connects a genuine worker and passes a frame each way. */
  private void assertStillServes(TransportFixture fixture) throws Exception {
    RecordingHandler atParent = new RecordingHandler();
    RecordingHandler atWorker = new RecordingHandler();
    TransportFixture.Link link =
        fixture.link("good-" + goodWorkers.incrementAndGet(), atParent, atWorker);
    link.parent().send(new byte[] {1}, 1);
    link.worker().send(new byte[] {2}, 1);
    assertArrayEquals(new byte[] {1}, atWorker.next(WAIT));
    assertArrayEquals(new byte[] {2}, atParent.next(WAIT));
  }

  private static CompletableFuture<FrameChannel> parentAwaits(
      TransportFixture fixture, String workerName) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return fixture.parent.connect(new FakeWorker(workerName), WAIT);
          } catch (Exception failed) {
            throw new IllegalStateException(failed);
          }
        });
  }

  private static byte[] key(byte[] parameters) throws IOException {
    return ConnectionParameters.decode(parameters).key();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void aWrongKeyIsRefusedAndTheRealWorkerStillGetsIn(Variant variant) throws Exception {
    try (TransportFixture fixture = fixture(variant)) {
      byte[] parameters = fixture.parent.connectionParameters("worker-1");
      CompletableFuture<FrameChannel> awaited = parentAwaits(fixture, "worker-1");
      byte[] wrongKey = new byte[Handshake.KEY_LENGTH];
      RANDOM.nextBytes(wrongKey);

      try (RawPeer impostor = RawPeer.connect(parameters)) {
        assertEquals(Handshake.FAILURE, impostor.handshake("worker-1", wrongKey, PROMPTLY));
        assertTrue(impostor.closedWithin(PROMPTLY));
      }
      assertFalse(awaited.isDone());

      FrameChannel worker = fixture.connectWorker(parameters).get(10, TimeUnit.SECONDS);
      awaited.get(10, TimeUnit.SECONDS).close();
      worker.close();
      assertStillServes(fixture);
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void aWorkerGivenTheWrongKeyFailsToConnect(Variant variant) throws Exception {
    try (TransportFixture fixture = fixture(variant)) {
      ConnectionParameters real =
          ConnectionParameters.decode(fixture.parent.connectionParameters("worker-1"));
      byte[] wrongKey = real.key().clone();
      wrongKey[0] ^= 1;
      byte[] tampered =
          new ConnectionParameters(
                  real.family(), real.address(), real.port(), real.workerName(), wrongKey)
              .encode();

      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> fixture.connectWorker(tampered).get());
      assertInstanceOf(IOException.class, failed.getCause().getCause());
      assertStillServes(fixture);
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void garbageBeforeTheHandshakeIsCutOff(Variant variant) throws Exception {
    try (TransportFixture fixture = fixture(variant)) {
      byte[] parameters = fixture.parent.connectionParameters("worker-1");
      try (RawPeer http = RawPeer.connect(parameters)) {
        http.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(http.closedWithin(PROMPTLY));
      }
      try (RawPeer noise = RawPeer.connect(parameters)) {
        byte[] garbage = new byte[200];
        RANDOM.nextBytes(garbage);
        noise.sendFrame(garbage);
        assertTrue(noise.closedWithin(PROMPTLY));
      }
      assertStillServes(fixture);
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void aSilentConnectionIsDroppedAtTheHandshakeTimeout(Variant variant) throws Exception {
    TransportSettings quick = new TransportSettings("hostile", 1024, Duration.ofMillis(400));
    try (TransportFixture fixture = new TransportFixture(variant, quick)) {
      byte[] parameters = fixture.parent.connectionParameters("worker-1");
      long start = System.nanoTime();
      try (RawPeer silent = RawPeer.connect(parameters)) {
        Handshake.parseHello(silent.readFrame(PROMPTLY), Handshake.PARENT);
        assertTrue(silent.closedWithin(Duration.ofSeconds(5)));
      }
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(elapsed >= 350, "dropped after " + elapsed + " ms, before the timeout");
      assertStillServes(fixture);
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void anOversizedLengthPrefixIsCutOffWithoutBufferingIt(Variant variant) throws Exception {
    try (TransportFixture fixture = fixture(variant)) {
      byte[] parameters = fixture.parent.connectionParameters("worker-1");
      try (RawPeer greedy = RawPeer.connect(parameters)) {
        greedy.send(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
        assertTrue(greedy.closedWithin(PROMPTLY));
      }
      try (RawPeer justOver = RawPeer.connect(parameters)) {
        justOver.send(ByteBuffer.allocate(4).putInt(Handshake.MAX_MESSAGE + 1).array());
        assertTrue(justOver.closedWithin(PROMPTLY));
      }
      assertStillServes(fixture);
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void aPeerThatDisconnectsMidFrameDoesNotDisturbTheListener(Variant variant) throws Exception {
    try (TransportFixture fixture = fixture(variant)) {
      byte[] parameters = fixture.parent.connectionParameters("worker-1");
      try (RawPeer quitter = RawPeer.connect(parameters)) {
        quitter.send(new byte[] {0, 0, 0, 100, 1, 2, 3});
      }
      assertStillServes(fixture);
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void aSecondConnectionUnderAConnectedNameIsRefused(Variant variant) throws Exception {
    try (TransportFixture fixture = fixture(variant)) {
      byte[] parameters = fixture.parent.connectionParameters("worker-1");
      CompletableFuture<FrameChannel> awaited = parentAwaits(fixture, "worker-1");
      FrameChannel worker = fixture.connectWorker(parameters).get(10, TimeUnit.SECONDS);
      FrameChannel parentEnd = awaited.get(10, TimeUnit.SECONDS);

      // Even with the right key: each announced worker connects once.
      try (RawPeer copycat = RawPeer.connect(parameters)) {
        assertEquals(Handshake.FAILURE, copycat.handshake("worker-1", key(parameters), PROMPTLY));
        assertTrue(copycat.closedWithin(PROMPTLY));
      }

      RecordingHandler atWorker = new RecordingHandler();
      worker.start(atWorker);
      parentEnd.start(new RecordingHandler());
      parentEnd.send(new byte[] {5}, 1);
      assertArrayEquals(new byte[] {5}, atWorker.next(WAIT));
      assertStillServes(fixture);
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void anUnannouncedNameIsRefused(Variant variant) throws Exception {
    try (TransportFixture fixture = fixture(variant)) {
      byte[] parameters = fixture.parent.connectionParameters("worker-1");
      try (RawPeer stranger = RawPeer.connect(parameters)) {
        assertEquals(Handshake.FAILURE, stranger.handshake("worker-2", key(parameters), PROMPTLY));
      }
      assertStillServes(fixture);
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void manyIdleConnectionsDoNotLockOutAGoodWorker(Variant variant) throws Exception {
    try (TransportFixture fixture = fixture(variant)) {
      byte[] parameters = fixture.parent.connectionParameters("worker-1");
      List<RawPeer> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 50; i++) {
          idle.add(RawPeer.connect(parameters));
        }
        assertStillServes(fixture);
      } finally {
        for (RawPeer peer : idle) {
          peer.close();
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void anOversizedFrameAfterAuthenticationClosesThatChannelWithTheCause(Variant variant)
      throws Exception {
    try (TransportFixture fixture = fixture(variant)) {
      byte[] parameters = fixture.parent.connectionParameters("worker-1");
      CompletableFuture<FrameChannel> awaited = parentAwaits(fixture, "worker-1");
      try (RawPeer rogue = RawPeer.connect(parameters)) {
        assertEquals(Handshake.OK, rogue.handshake("worker-1", key(parameters), PROMPTLY));
        RecordingHandler atParent = new RecordingHandler();
        awaited.get(10, TimeUnit.SECONDS).start(atParent);

        rogue.send(ByteBuffer.allocate(4).putInt(1025).array());

        assertInstanceOf(TooLongFrameException.class, atParent.awaitClose(WAIT).orElseThrow());
        assertTrue(rogue.closedWithin(PROMPTLY));
      }
      assertStillServes(fixture);
    }
  }

  @ParameterizedTest
  @MethodSource("variants")
  void aWorkerThatDiesMidFrameClosesItsChannelWithACause(Variant variant) throws Exception {
    try (TransportFixture fixture = fixture(variant)) {
      byte[] parameters = fixture.parent.connectionParameters("worker-1");
      CompletableFuture<FrameChannel> awaited = parentAwaits(fixture, "worker-1");
      RecordingHandler atParent = new RecordingHandler();
      try (RawPeer dying = RawPeer.connect(parameters)) {
        assertEquals(Handshake.OK, dying.handshake("worker-1", key(parameters), PROMPTLY));
        awaited.get(10, TimeUnit.SECONDS).start(atParent);
        dying.sendFrame(new byte[] {3});
        dying.send(new byte[] {0, 0, 0, 100, 1, 2, 3});
        assertArrayEquals(new byte[] {3}, atParent.next(WAIT));
      }

      assertInstanceOf(EOFException.class, atParent.awaitClose(WAIT).orElseThrow());
      assertStillServes(fixture);
    }
  }
}
