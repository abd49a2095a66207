package org.multiprocessing4j.core.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.Providers;
import org.multiprocessing4j.spi.TransportProvider;
import org.multiprocessing4j.spi.TransportSettings;

/**
 * What a {@link FrameChannel} must do, from docs/WRITING_A_TRANSPORT.md and the SPI's Javadoc,
 * checked between this JVM (the parent's end, from {@link
 * org.multiprocessing4j.spi.ParentTransport#connect}) and a real child JVM ({@link FramePeerMain},
 * the worker's end, from {@link org.multiprocessing4j.spi.WorkerTransport#connect}). A transport's
 * test subclasses it and names the transport.
 *
 * <p>After every test both ends must have kept the rules of delivery (one frame at a time, nothing
 * after {@code onClose}, {@code onClose} once), and the child must exit by itself once the parent
 * closes its end, since that is how a worker learns that its parent has gone.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
public abstract class AbstractFrameChannelContractTest {
  private static final int MAX_FRAME_SIZE = 64 << 20;
  private static final int SMALL_MAX_FRAME_SIZE = 1 << 20;
  private static final int LARGE_FRAME = 8 << 20;
  private static final int BULK_FRAME = 256 << 10;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration PROMPTLY = Duration.ofSeconds(10);
  private static final List<String> CHILD_JVM =
      List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  @TempDir private Path directory;
  private final List<FramePeer> peers = new ArrayList<>();
  private final List<RecordingHandler> handlers = new ArrayList<>();
  private final ExecutorService senders = Executors.newCachedThreadPool();

  /** The transport's name, as its provider reports it. */
  protected abstract String transportName();

  /**
   * The most bytes that {@link FrameChannel#send} may accept, over every buffer of both ends, while
   * the peer's handler takes no frame: beyond it, a sender must block. The default is far above
   * what the shipped transports hold (at most about 30 MiB).
   */
  protected long unreadBytesLimit() {
    return 64L << 20;
  }

  /**
   * Whether {@link FrameChannel#close()} wakes a sender blocked inside a write to a peer that reads
   * nothing. A thread blocked writing to an OS pipe cannot be woken; such a transport overrides
   * this to return false, and its blocked sender must then fail once the peer exits (the pool kills
   * a worker it gives up on).
   */
  protected boolean closeWakesABlockedWrite() {
    return true;
  }

  @AfterEach
  void closePeersAndCheckNoChildLeft() throws Exception {
    AssertionError failure = null;
    for (FramePeer peer : peers) {
      try {
        peer.close();
      } catch (AssertionError | Exception e) {
        failure = failure == null ? new AssertionError("closing a peer failed", e) : failure;
      }
    }
    senders.shutdownNow();
    for (RecordingHandler handler : handlers) {
      handler.assertDeliveryRulesKept();
    }
    ChildProcesses.assertNoneLeft();
    if (failure != null) {
      throw failure;
    }
  }

  // ---- order ----

  @Test
  void framesFromConcurrentSendersArriveWholeAndInEachSendersOrder() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    FramePeer peer = start(handler, "echo", "wait");
    int senderCount = 4;
    int frames = 400;
    List<Future<?>> sending = new ArrayList<>();
    for (int s = 0; s < senderCount; s++) {
      int sender = s;
      sending.add(
          senders.submit(
              () -> {
                for (int i = 0; i < frames; i++) {
                  // Now and then a frame larger than any pipe or socket buffer, written in pieces.
                  int size =
                      i % 50 == 7 ? 300_000 : PatternFrames.HEADER + (i * 37 + sender) % 3000;
                  peer.channel().send(PatternFrames.data(sender, i, size), size);
                }
                return null;
              }));
    }
    for (Future<?> sent : sending) {
      sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    PatternFrames.Checker checker = new PatternFrames.Checker();
    for (int i = 0; i < senderCount * frames; i++) {
      checker.accept(handler.next(WAIT));
    }
    assertAllArrived(checker.summary(), senderCount * frames);
  }

  @Test
  void framesFromConcurrentSendersInTheWorkerArriveWholeAndInEachSendersOrder() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    start(handler, "sink", "flood", "4", "400", "3000");
    PatternFrames.Checker checker = receiveUntilEnd(handler);
    assertAllArrived(checker.summary(), 1600);
    for (int sender = 0; sender < 4; sender++) {
      assertEquals(400, checker.framesFrom(sender), "frames of sender " + sender);
    }
  }

  // ---- sizes ----

  @Test
  void emptyAndOneByteFramesArriveAsSent() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    FramePeer peer = start(handler, "echo", "wait");
    FrameChannel channel = peer.channel();
    channel.send(new byte[0], 0);
    channel.send(new byte[] {42}, 1);
    channel.send(new byte[] {1, 2, 3, 4, 5, 6, 7}, 3);
    channel.send(new byte[] {9, 9}, 0);
    assertArrayEquals(new byte[0], handler.next(WAIT), "an empty frame");
    assertArrayEquals(new byte[] {42}, handler.next(WAIT), "a one-byte frame");
    assertArrayEquals(
        new byte[] {1, 2, 3}, handler.next(WAIT), "only the first length bytes of the array");
    assertArrayEquals(new byte[0], handler.next(WAIT), "an empty frame from a longer array");
  }

  @Test
  void largeFramesArriveWholeBothWays() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    FramePeer peer = start(handler, "echo", "wait");
    for (int i = 0; i < 3; i++) {
      peer.channel().send(PatternFrames.data(0, i, LARGE_FRAME), LARGE_FRAME);
    }
    PatternFrames.Checker checker = new PatternFrames.Checker();
    for (int i = 0; i < 3; i++) {
      checker.accept(handler.next(WAIT));
    }
    assertAllArrived(checker.summary(), 3);
    assertEquals(Long.toString(3L * LARGE_FRAME), checker.summary().getProperty("bytes"));
  }

  @Test
  void aFrameOfExactlyTheMaximumSizeArrives() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    FramePeer peer =
        start(SMALL_MAX_FRAME_SIZE, SMALL_MAX_FRAME_SIZE, CHILD_JVM, handler, "echo", "wait");
    peer.channel().send(PatternFrames.data(0, 0, SMALL_MAX_FRAME_SIZE), SMALL_MAX_FRAME_SIZE);
    PatternFrames.Checker checker = new PatternFrames.Checker();
    checker.accept(handler.next(WAIT));
    assertAllArrived(checker.summary(), 1);
  }

  @Test
  void sendRejectsAFrameOverTheMaximumAndTheChannelStaysUsable() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    FramePeer peer =
        start(SMALL_MAX_FRAME_SIZE, SMALL_MAX_FRAME_SIZE, CHILD_JVM, handler, "echo", "wait");
    int tooLong = SMALL_MAX_FRAME_SIZE + 1;
    IllegalArgumentException rejected =
        assertThrows(
            IllegalArgumentException.class, () -> peer.channel().send(new byte[tooLong], tooLong));
    String message = String.valueOf(rejected.getMessage());
    assertTrue(
        message.contains(Integer.toString(tooLong))
            && message.contains(Integer.toString(SMALL_MAX_FRAME_SIZE)),
        "the error names the frame's length and the maximum: " + message);
    peer.channel().send(PatternFrames.data(0, 0, 100), 100);
    PatternFrames.Checker checker = new PatternFrames.Checker();
    checker.accept(handler.next(WAIT));
    assertAllArrived(checker.summary(), 1);
  }

  @Test
  void aLengthPrefixOverTheMaximumClosesTheParentsEndWithTheCause() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    int length = 2 * SMALL_MAX_FRAME_SIZE;
    // The child is told a larger maximum, so that its end lets the frame go.
    FramePeer peer =
        start(
            SMALL_MAX_FRAME_SIZE,
            4 * SMALL_MAX_FRAME_SIZE,
            CHILD_JVM,
            handler,
            "sink",
            "oversize",
            Integer.toString(length));
    Throwable cause = handler.awaitClose(WAIT);
    assertNotNull(cause, "a length prefix over the maximum is reported in onClose");
    assertTrue(
        describe(cause).contains(Integer.toString(length)),
        "the cause names the length " + length + ": " + describe(cause));
    assertEquals(0, handler.received(), "the oversized frame is never delivered");
    assertSendFails(peer.channel());
    Properties report = peer.awaitReport(WAIT);
    assertEquals("1", report.getProperty("closes"), "the child's end is closed too");
  }

  @Test
  void aLengthPrefixOverTheMaximumClosesTheWorkersEndWithTheCause() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    int length = 2 * SMALL_MAX_FRAME_SIZE;
    FramePeer peer =
        start(4 * SMALL_MAX_FRAME_SIZE, SMALL_MAX_FRAME_SIZE, CHILD_JVM, handler, "sink", "wait");
    try {
      peer.channel().send(PatternFrames.data(0, 0, length), length);
    } catch (IOException closedMeanwhile) {
      // The child may reject the length prefix and close before the rest is written.
    }
    handler.awaitClose(WAIT);
    Properties report = peer.awaitReport(WAIT);
    assertEquals("0", report.getProperty("frames"), "the oversized frame is never delivered");
    assertTrue(
        report.getProperty("closeCause").contains(Integer.toString(length)),
        "the child's onClose names the length " + length + ": " + report.getProperty("closeCause"));
  }

  // ---- a handler that throws or blocks ----

  @Test
  void aHandlerThatThrowsClosesBothEndsWithItsException() throws Exception {
    IllegalStateException thrown =
        new IllegalStateException("the parent's handler fails on purpose");
    RecordingHandler handler = RecordingHandler.throwing(thrown);
    FramePeer peer = start(handler, "echo", "wait");
    peer.channel().send(PatternFrames.data(0, 0, 100), 100);
    Throwable cause = handler.awaitClose(WAIT);
    assertTrue(
        causes(cause).contains(thrown),
        "onClose reports what onFrame threw, got " + describe(cause));
    assertSendFails(peer.channel());
    Properties report = peer.awaitReport(WAIT);
    assertEquals("1", report.getProperty("closes"), "the child's end is closed too");
  }

  @Test
  void aHandlerThatThrowsInTheWorkerClosesBothEnds() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    FramePeer peer = start(handler, "throw", "wait");
    peer.channel().send(PatternFrames.data(0, 0, 100), 100);
    handler.awaitClose(WAIT);
    assertSendFails(peer.channel());
    Properties report = peer.awaitReport(WAIT);
    assertEquals("1", report.getProperty("closes"));
    assertTrue(
        report.getProperty("closeCause").contains(FramePeerMain.THROWN_MESSAGE),
        "the child's onClose reports what its onFrame threw: " + report.getProperty("closeCause"));
  }

  @Test
  void aHandlerThatBlocksDoesNotStopItsChannelFromSending() throws Exception {
    RecordingHandler handler = RecordingHandler.stallingOnFirstFrame();
    FramePeer peer = start(handler, "sink", "flood", "1", "1", "64");
    handler.awaitStalled(WAIT);
    int frames = 128;
    assertTimeoutPreemptively(
        WAIT,
        () -> {
          for (int i = 0; i < frames; i++) {
            peer.channel().send(PatternFrames.data(0, i, BULK_FRAME), BULK_FRAME);
          }
          peer.channel().send(PatternFrames.END, PatternFrames.END.length);
        },
        "sending stalled while this end's handler was blocked in onFrame:"
            + " frames must be delivered off the I/O thread");
    handler.release();
    assertAllArrived(awaitReportFrame(handler), frames);
  }

  // ---- backpressure ----

  @Test
  void aStalledReceiverMakesSendersWaitInsteadOfBuffering() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    FramePeer peer = start(handler, "stall", "wait");
    int senderCount = 3;
    int framesEach = (int) (2 * unreadBytesLimit() / BULK_FRAME / senderCount) + 1;
    AtomicLong accepted = new AtomicLong();
    List<Future<?>> sending = new ArrayList<>();
    for (int s = 0; s < senderCount; s++) {
      int sender = s;
      sending.add(
          senders.submit(
              () -> {
                for (int i = 0; i < framesEach; i++) {
                  peer.channel().send(PatternFrames.data(sender, i, BULK_FRAME), BULK_FRAME);
                  accepted.addAndGet(BULK_FRAME);
                }
                return null;
              }));
    }
    boolean allSent = awaitStalledOrDone(accepted, sending);
    long unread = accepted.get();
    peer.release();
    assertFalse(
        allSent,
        "all " + mib(unread) + " were accepted while the peer read nothing: send must block");
    assertTrue(
        unread <= unreadBytesLimit(),
        mib(unread) + " accepted while the peer read nothing, over " + mib(unreadBytesLimit()));
    for (Future<?> sent : sending) {
      sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    peer.channel().send(PatternFrames.END, PatternFrames.END.length);
    assertAllArrived(awaitReportFrame(handler), senderCount * framesEach);
  }

  @Test
  void aStalledParentSlowsTheWorkerWithoutGrowingItsHeap() throws Exception {
    RecordingHandler handler = RecordingHandler.stallingOnFirstFrame();
    int frames = 1024;
    // 256 MiB against a 64 MiB heap: the child survives only if its sends wait for the parent.
    FramePeer peer =
        start(
            MAX_FRAME_SIZE,
            MAX_FRAME_SIZE,
            List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
            handler,
            "sink",
            "flood",
            "1",
            Integer.toString(frames),
            Integer.toString(BULK_FRAME));
    handler.awaitStalled(WAIT);
    // Long enough for a sender that never waits to queue all of it, many times over.
    Thread.sleep(3_000);
    handler.release();
    PatternFrames.Checker checker = receiveUntilEnd(handler);
    peer.channel().close();
    Properties report = peer.awaitReport(WAIT);
    assertEquals(
        "0",
        report.getProperty("sendFailures"),
        "the child's sends failed: " + report.getProperty("firstSendFailure"));
    assertAllArrived(checker.summary(), frames);
  }

  // ---- close ----

  @Test
  void closingTheParentsEndClosesBothEndsOnceAfterTheFramesSent() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    FramePeer peer = start(handler, "sink", "wait");
    for (int i = 0; i < 100; i++) {
      peer.channel().send(PatternFrames.data(0, i, 1000), 1000);
    }
    assertTimeoutPreemptively(PROMPTLY, () -> peer.channel().close(), "close() hung");
    assertNull(handler.awaitClose(WAIT), "a local close is an orderly end");
    peer.channel().close();
    assertSendFails(peer.channel());
    Properties report = peer.awaitReport(WAIT);
    assertEquals("1", report.getProperty("closes"), "the child's onClose, exactly once");
    assertEquals("", report.getProperty("closeCause"), "the parent's close is an orderly end");
    assertAllArrived(report, 100);
    handler.assertClosedOnce();
  }

  @Test
  void closingTheWorkersEndClosesBothEndsOnceAfterTheFramesSent() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    FramePeer peer = start(handler, "sink", "sendThenClose", "100", "1000");
    assertNull(handler.awaitClose(WAIT), "the child's close is an orderly end");
    PatternFrames.Checker checker = new PatternFrames.Checker();
    for (byte[] frame = handler.poll(); frame != null; frame = handler.poll()) {
      checker.accept(frame);
    }
    assertAllArrived(checker.summary(), 100);
    assertSendFails(peer.channel());
    peer.channel().close();
    Properties report = peer.awaitReport(WAIT);
    assertEquals("1", report.getProperty("closes"), "the child's onClose, exactly once");
    handler.assertClosedOnce();
  }

  @Test
  void closingReleasesASenderBlockedByBackpressure() throws Exception {
    RecordingHandler handler = RecordingHandler.recording();
    FramePeer peer = start(handler, "stall", "wait");
    AtomicLong accepted = new AtomicLong();
    AtomicReference<Throwable> ended = new AtomicReference<>();
    Future<?> sending =
        senders.submit(
            () -> {
              try {
                while (accepted.get() <= 2 * unreadBytesLimit()) {
                  peer.channel().send(PatternFrames.data(0, 0, BULK_FRAME), BULK_FRAME);
                  accepted.addAndGet(BULK_FRAME);
                }
              } catch (IOException | RuntimeException e) {
                ended.set(e);
              }
              return null;
            });
    try {
      assertFalse(
          awaitStalledOrDone(accepted, List.of(sending)),
          "the sender never blocked while the peer read nothing");
      assertTimeoutPreemptively(
          PROMPTLY,
          () -> peer.channel().close(),
          "close() hung while a sender was blocked by a peer that reads nothing");
      if (!closeWakesABlockedWrite()) {
        peer.kill();
      }
      try {
        sending.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException stillBlocked) {
        fail(
            "a sender blocked by backpressure was not released by close()"
                + (closeWakesABlockedWrite() ? "" : " and the peer's exit"));
      }
      assertTrue(
          ended.get() instanceof IOException,
          "the blocked send fails with an IOException, got " + ended.get());
    } finally {
      peer.release();
    }
  }

  // ---- helpers ----

  private FramePeer start(RecordingHandler handler, String... arguments) throws Exception {
    return start(MAX_FRAME_SIZE, MAX_FRAME_SIZE, CHILD_JVM, handler, arguments);
  }

  private FramePeer start(
      int maxFrameSize,
      int childMaxFrameSize,
      List<String> jvmOptions,
      RecordingHandler handler,
      String... arguments)
      throws Exception {
    handlers.add(handler);
    TransportProvider provider =
        Providers.byName(
            TransportProvider.class,
            transportName(),
            getClass().getClassLoader(),
            "transport",
            "the transport under test");
    TransportSettings settings =
        new TransportSettings("channel-contract", maxFrameSize, Duration.ofSeconds(10));
    FramePeer peer =
        FramePeer.start(
            provider,
            settings,
            childMaxFrameSize,
            jvmOptions,
            directory.resolve("peer-" + peers.size()),
            handler,
            arguments);
    peers.add(peer);
    return peer;
  }

  /** Checks data frames until the END frame. */
  private static PatternFrames.Checker receiveUntilEnd(RecordingHandler handler)
      throws InterruptedException {
    PatternFrames.Checker checker = new PatternFrames.Checker();
    for (byte[] frame = handler.next(WAIT);
        !PatternFrames.isEnd(frame);
        frame = handler.next(WAIT)) {
      checker.accept(frame);
    }
    return checker;
  }

  /** Skips the child's own frames until its report of what it received. */
  private static Properties awaitReportFrame(RecordingHandler handler) throws InterruptedException {
    for (byte[] frame = handler.next(WAIT); ; frame = handler.next(WAIT)) {
      if (PatternFrames.isReport(frame)) {
        return PatternFrames.readReport(frame);
      }
    }
  }

  private static void assertAllArrived(Properties summary, long frames) {
    assertEquals(
        "0", summary.getProperty("errors"), "first error: " + summary.getProperty("firstError"));
    assertEquals(Long.toString(frames), summary.getProperty("frames"), "frames that arrived");
  }

  private static void assertSendFails(FrameChannel channel) {
    assertTimeoutPreemptively(
        PROMPTLY,
        () -> assertThrows(IOException.class, () -> channel.send(new byte[] {1}, 1)),
        "a send on a closed channel must fail at once, not hang");
  }

  /**
   * Waits until the senders finish (returns true) or make no progress for a while (returns false):
   * blocked by backpressure.
   */
  private static boolean awaitStalledOrDone(AtomicLong progress, List<Future<?>> sending)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long last = -1;
    int unchanged = 0;
    while (System.nanoTime() < deadline) {
      if (sending.stream().allMatch(Future::isDone)) {
        for (Future<?> sent : sending) {
          sent.get();
        }
        return true;
      }
      long now = progress.get();
      unchanged = now == last ? unchanged + 1 : 0;
      last = now;
      if (unchanged >= 15) {
        return false;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the senders kept going for " + WAIT + " with no peer reading");
  }

  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t : causes(failure)) {
      text.append(text.length() == 0 ? "" : " <- ").append(t);
    }
    return text.toString();
  }

  private static String mib(long bytes) {
    return (bytes >> 20) + " MiB";
  }
}
