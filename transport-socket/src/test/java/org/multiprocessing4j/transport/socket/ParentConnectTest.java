package org.multiprocessing4j.transport.socket;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multiprocessing4j.spi.FrameChannel;

/** How {@code ParentTransport.connect} ends when the worker does not connect. */
@Timeout(20)
class ParentConnectTest {

  static List<Variant> families() {
    return Variant.families();
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @ParameterizedTest
  @MethodSource("families")
  void failsPromptlyWhenTheWorkerExitsFirst(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      fixture.parent.connectionParameters("worker-1");
      FakeWorker worker = new FakeWorker("worker-1");
      CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> worker.exit(3));

      long start = System.nanoTime();
      IOException failed =
          assertThrows(
              IOException.class, () -> fixture.parent.connect(worker, Duration.ofSeconds(30)));

      assertTrue(millisSince(start) < 2_000, "took " + millisSince(start) + " ms");
      assertTrue(failed.getMessage().contains("exited with code 3"), failed.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void timesOutAndThenRefusesTheLateWorker(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      byte[] parameters = fixture.parent.connectionParameters("worker-1");

      long start = System.nanoTime();
      assertThrows(
          TimeoutException.class,
          () -> fixture.parent.connect(new FakeWorker("worker-1"), Duration.ofMillis(300)));
      assertTrue(millisSince(start) >= 300);

      ExecutionException late =
          assertThrows(ExecutionException.class, () -> fixture.connectWorker(parameters).get());
      assertTrue(late.getCause().getCause() instanceof IOException);
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void refusesAWorkerThatWasNeverAnnounced(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      assertThrows(
          IOException.class,
          () -> fixture.parent.connect(new FakeWorker("nobody"), Duration.ofSeconds(5)));
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void closingTheTransportEndsAWaitingConnect(Variant variant) throws Exception {
    TransportFixture fixture = new TransportFixture(variant);
    fixture.parent.connectionParameters("worker-1");
    CompletableFuture<FrameChannel> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return fixture.parent.connect(new FakeWorker("worker-1"), Duration.ofSeconds(30));
              } catch (Exception failed) {
                throw new IllegalStateException(failed);
              }
            });
    Thread.sleep(100);

    fixture.close();

    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> waiting.get(2, TimeUnit.SECONDS));
    assertTrue(failed.getCause().getCause() instanceof IOException);
    assertThrows(IOException.class, () -> fixture.parent.connectionParameters("worker-2"));
  }

  @ParameterizedTest
  @MethodSource("families")
  void announcingANameAgainRevokesTheEarlierKey(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      byte[] first = fixture.parent.connectionParameters("worker-1");
      byte[] second = fixture.parent.connectionParameters("worker-1");
      CompletableFuture<FrameChannel> awaited =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return fixture.parent.connect(new FakeWorker("worker-1"), Duration.ofSeconds(10));
                } catch (Exception failed) {
                  throw new IllegalStateException(failed);
                }
              });

      assertThrows(ExecutionException.class, () -> fixture.connectWorker(first).get());
      FrameChannel worker = fixture.connectWorker(second).get(10, TimeUnit.SECONDS);
      awaited.get(10, TimeUnit.SECONDS).close();
      worker.close();
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void rejectsNamesThatCannotBeSent(Variant variant) throws Exception {
    try (TransportFixture fixture = new TransportFixture(variant)) {
      assertThrows(
          IllegalArgumentException.class, () -> fixture.parent.connectionParameters("a\nb"));
      assertThrows(
          IllegalArgumentException.class,
          () -> fixture.parent.connectionParameters("x".repeat(201)));
    }
  }
}
