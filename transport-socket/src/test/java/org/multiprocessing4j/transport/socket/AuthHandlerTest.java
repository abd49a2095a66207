package org.multiprocessing4j.transport.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.ProtocolException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multiprocessing4j.spi.TransportSettings;

/** The handshake state machine, on embedded channels: no sockets, no threads, no clock. */
@Timeout(10)
class AuthHandlerTest {
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(3);
  private static final TransportSettings SETTINGS =
      new TransportSettings("unit", 1 << 20, HANDSHAKE_TIMEOUT);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Admission> expected = new HashMap<>();
  private final List<EmbeddedChannel> channels = new ArrayList<>();

  @AfterEach
  void releaseEverything() {
    channels.forEach(EmbeddedChannel::finishAndReleaseAll);
  }

  private static byte[] newKey() {
    byte[] key = new byte[Handshake.KEY_LENGTH];
    RANDOM.nextBytes(key);
    return key;
  }

  private Admission expect(String workerName) {
    Admission admission = new Admission(workerName, newKey());
    expected.put(workerName, admission);
    return admission;
  }

  private EmbeddedChannel parentEnd() {
    return channel(AuthHandler.parent(expected::get, SETTINGS, RANDOM));
  }

  private EmbeddedChannel workerEnd(String workerName, byte[] key) {
    return channel(AuthHandler.worker(new Admission(workerName, key), SETTINGS, RANDOM));
  }

  private EmbeddedChannel workerEnd(Admission self) {
    return channel(AuthHandler.worker(self, SETTINGS, RANDOM));
  }

  /**
   * A channel whose clock stands still until a test advances it: on a busy machine real time
   * passing between scheduling the handshake timeout and the test's first step would fire it early.
   */
  private EmbeddedChannel channel(AuthHandler auth) {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.freezeTime();
    FramePipeline.initHandshake(channel, auth);
    channel.pipeline().fireChannelActive();
    channel.runPendingTasks();
    channels.add(channel);
    return channel;
  }

  /** Moves what each end writes to the other, in pieces of {@code chunk} bytes, until quiet. */
  private static void exchange(EmbeddedChannel a, EmbeddedChannel b, int chunk) {
    boolean moved;
    do {
      a.runPendingTasks();
      b.runPendingTasks();
      moved = move(a, b, chunk) | move(b, a, chunk);
    } while (moved);
  }

  private static boolean move(EmbeddedChannel from, EmbeddedChannel to, int chunk) {
    boolean moved = false;
    for (ByteBuf written = from.readOutbound(); written != null; written = from.readOutbound()) {
      moved = true;
      while (written.isReadable()) {
        ByteBuf piece = written.readRetainedSlice(Math.min(chunk, written.readableBytes()));
        if (to.isOpen()) {
          to.writeInbound(piece);
        } else {
          piece.release();
        }
      }
      written.release();
    }
    return moved;
  }

  /** Returns the handshake messages an end has written, without their length prefixes. */
  private static List<byte[]> written(EmbeddedChannel channel) {
    channel.runPendingTasks();
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf part = channel.readOutbound(); part != null; part = channel.readOutbound()) {
      all.writeBytes(part);
      part.release();
    }
    List<byte[]> messages = new ArrayList<>();
    while (all.isReadable()) {
      byte[] message = new byte[all.readInt()];
      all.readBytes(message);
      messages.add(message);
    }
    all.release();
    return messages;
  }

  private static ByteBuf frame(byte[] payload) {
    return Unpooled.buffer().writeInt(payload.length).writeBytes(payload);
  }

  private static Throwable failureOf(Admission admission) {
    try {
      admission.channel().join();
      throw new AssertionError("the admission succeeded");
    } catch (CompletionException failed) {
      return failed.getCause();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 1024})
  void bothEndsAuthenticateWhateverPiecesTheBytesComeIn(int chunk) throws Exception {
    Admission atParent = expect("worker-1");
    Admission self = new Admission("worker-1", atParent.key());
    EmbeddedChannel parent = parentEnd();
    EmbeddedChannel worker = workerEnd(self);

    exchange(parent, worker, chunk);

    SocketFrameChannel parentChannel = atParent.channel().join();
    SocketFrameChannel workerChannel = self.channel().join();
    for (EmbeddedChannel end : List.of(parent, worker)) {
      assertNull(end.pipeline().get(FramePipeline.AUTH));
      assertEquals(
          List.of(
              FramePipeline.FLUSH,
              FramePipeline.DECODER,
              FramePipeline.PREPENDER,
              FramePipeline.GATE,
              FramePipeline.DISPATCH),
          end.pipeline().names().subList(0, 5));
    }
    parentChannel.close();
    workerChannel.close();
  }

  @Test
  void applicationFramesFlowOnlyAfterBothOks() throws Exception {
    Admission admission = expect("worker-1");
    EmbeddedChannel parent = parentEnd();
    List<byte[]> fromParent = written(parent);
    Handshake.Hello parentHello = Handshake.parseHello(fromParent.get(0), Handshake.PARENT);
    byte[] nonce = new byte[Handshake.NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    byte[] proof =
        Handshake.mac(admission.key(), Handshake.WORKER, parentHello.nonce(), nonce, "worker-1");

    parent.writeInbound(frame(Handshake.hello(Handshake.WORKER, nonce, "worker-1")));
    parent.writeInbound(frame(Handshake.proof(proof)));
    List<byte[]> answers = written(parent);
    assertEquals(Handshake.PROOF, answers.get(0)[0]);
    assertArrayEquals(Handshake.ok(), answers.get(1));
    assertFalse(admission.channel().isDone(), "the parent must wait for the worker's OK");

    // The worker's OK and its first frame arrive in one read.
    parent.writeInbound(Unpooled.wrappedBuffer(frame(Handshake.ok()), frame(new byte[] {7, 8, 9})));
    SocketFrameChannel channel = admission.channel().join();
    RecordingHandler handler = new RecordingHandler();
    channel.start(handler);
    assertArrayEquals(new byte[] {7, 8, 9}, handler.next(Duration.ofSeconds(5)));
    channel.close();
    parent.runPendingTasks();
  }

  @Test
  void aFrameInPlaceOfTheOkEndsTheHandshake() throws Exception {
    Admission admission = expect("worker-1");
    EmbeddedChannel parent = parentEnd();
    Handshake.Hello parentHello = Handshake.parseHello(written(parent).get(0), Handshake.PARENT);
    byte[] nonce = new byte[Handshake.NONCE_LENGTH];
    parent.writeInbound(frame(Handshake.hello(Handshake.WORKER, nonce, "worker-1")));
    parent.writeInbound(
        frame(
            Handshake.proof(
                Handshake.mac(
                    admission.key(), Handshake.WORKER, parentHello.nonce(), nonce, "worker-1"))));

    parent.writeInbound(frame(new byte[] {7, 8, 9}));

    assertFalse(parent.isOpen());
    assertInstanceOf(ProtocolException.class, failureOf(admission));
  }

  @Test
  void aWrongKeyGetsAFailureAndLeavesTheWorkerFreeToConnect() throws Exception {
    Admission admission = expect("worker-1");
    Admission impostor = new Admission("worker-1", newKey());
    EmbeddedChannel parent = parentEnd();
    EmbeddedChannel worker = workerEnd(impostor);

    exchange(parent, worker, 1024);

    assertFalse(parent.isOpen());
    assertFalse(worker.isOpen());
    assertInstanceOf(ProtocolException.class, failureOf(impostor));
    assertFalse(admission.channel().isDone());
    assertTrue(admission.take(), "the real worker may still connect");
  }

  @Test
  void anUnknownWorkerGetsTheSameFailure() throws Exception {
    EmbeddedChannel parent = parentEnd();
    EmbeddedChannel worker = workerEnd("stranger", newKey());

    exchange(parent, worker, 1024);

    assertFalse(parent.isOpen());
    assertFalse(worker.isOpen());
  }

  @Test
  void aWorkerMayConnectOnlyOnce() throws Exception {
    Admission admission = expect("worker-1");
    EmbeddedChannel first = parentEnd();
    exchange(first, workerEnd("worker-1", admission.key()), 1024);
    assertTrue(admission.channel().isDone());

    EmbeddedChannel second = parentEnd();
    EmbeddedChannel again = workerEnd("worker-1", admission.key());
    exchange(second, again, 1024);

    assertFalse(second.isOpen());
    assertFalse(again.isOpen());
    admission.channel().join().close();
    first.runPendingTasks();
  }

  @Test
  void aWorkerRefusesAParentThatCannotProveTheKey() throws Exception {
    expect("worker-1");
    Admission self = new Admission("worker-1", newKey());
    EmbeddedChannel parent = parentEnd();
    EmbeddedChannel worker = workerEnd(self);

    exchange(parent, worker, 1024);

    assertTrue(failureOf(self).getMessage().contains("wrong key"), failureOf(self).getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {Handshake.MAX_MESSAGE + 1, Integer.MAX_VALUE, -1})
  void anOversizedLengthPrefixBeforeAuthenticationCloses(int length) throws Exception {
    Admission admission = expect("worker-1");
    EmbeddedChannel parent = parentEnd();

    parent.writeInbound(Unpooled.buffer().writeInt(length));

    assertFalse(parent.isOpen());
    assertFalse(admission.channel().isDone());
  }

  @Test
  void garbageClosesWithoutAnAnswer() throws Exception {
    EmbeddedChannel parent = parentEnd();
    written(parent);
    byte[] garbage = new byte[40];
    RANDOM.nextBytes(garbage);

    parent.writeInbound(frame(garbage));

    assertFalse(parent.isOpen());
    assertEquals(List.of(), written(parent));
  }

  @Test
  void aWorkerClaimingTheParentsRoleIsRefused() throws Exception {
    expect("worker-1");
    EmbeddedChannel parent = parentEnd();

    parent.writeInbound(frame(Handshake.hello(Handshake.PARENT, new byte[32], null)));

    assertFalse(parent.isOpen());
  }

  @Test
  void silenceEndsAtTheHandshakeTimeout() throws Exception {
    EmbeddedChannel parent = parentEnd();

    parent.advanceTimeBy(HANDSHAKE_TIMEOUT.toMillis() - 10, TimeUnit.MILLISECONDS);
    parent.runScheduledPendingTasks();
    assertTrue(parent.isOpen());

    parent.advanceTimeBy(20, TimeUnit.MILLISECONDS);
    parent.runScheduledPendingTasks();
    assertFalse(parent.isOpen());
  }

  @Test
  void aWorkerThatTimesOutReportsIt() throws Exception {
    Admission self = new Admission("worker-1", newKey());
    EmbeddedChannel worker = workerEnd(self);

    worker.advanceTimeBy(HANDSHAKE_TIMEOUT.toMillis() + 1, TimeUnit.MILLISECONDS);
    worker.runScheduledPendingTasks();

    assertFalse(worker.isOpen());
    assertTrue(failureOf(self).getMessage().contains("did not finish"));
  }

  @Test
  void aConnectionThatEndsMidHandshakeFailsTheAdmittedWorker() throws Exception {
    Admission admission = expect("worker-1");
    EmbeddedChannel parent = parentEnd();
    Handshake.Hello parentHello = Handshake.parseHello(written(parent).get(0), Handshake.PARENT);
    byte[] nonce = new byte[Handshake.NONCE_LENGTH];
    parent.writeInbound(frame(Handshake.hello(Handshake.WORKER, nonce, "worker-1")));
    parent.writeInbound(
        frame(
            Handshake.proof(
                Handshake.mac(
                    admission.key(), Handshake.WORKER, parentHello.nonce(), nonce, "worker-1"))));
    parent.writeInbound(Unpooled.buffer().writeInt(1));

    parent.close();

    assertInstanceOf(IOException.class, failureOf(admission));
  }
}
