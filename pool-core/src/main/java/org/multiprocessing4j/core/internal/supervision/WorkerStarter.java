package org.multiprocessing4j.core.internal.supervision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.WorkerOutput;
import org.multiprocessing4j.core.internal.launch.LaunchedWorker;
import org.multiprocessing4j.core.internal.launch.WorkerLauncher;
import org.multiprocessing4j.core.internal.wire.Bootstrap;
import org.multiprocessing4j.core.internal.wire.FailureCodec;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.ParentTransport;
import org.multiprocessing4j.spi.PoolSpec;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.TransportSettings;

/**
 * Starts a pool's workers and connects them: launches the JVM, sends its bootstrap, connects the
 * transport, sends the initializer and waits until the worker is ready. How a start ends is
 * reported through the worker's {@link ParentWorker.Events}; this class decides nothing about it.
 */
final class WorkerStarter {
  static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final PoolSpec spec;
  private final Serializer serializer;
  private final FailureCodec failureCodec;
  private final byte[] initFrame;
  private final int initLength;
  private final ParentWorker.Events events;
  private final ParentTransport transport;
  private final WorkerLauncher launcher;
  private final WorkerOutput workerOutput;
  private final ExecutorService spawner;
  private final ExecutorService senders;
  private final Set<ParentWorker> workers = ConcurrentHashMap.newKeySet();
  private final AtomicInteger workerNumbers = new AtomicInteger();

  /**
   * @throws UncheckedIOException if the transport cannot start
   */
  WorkerStarter(
      PoolSpec spec,
      Serializer serializer,
      byte[] initFrame,
      int initLength,
      WorkerOutput workerOutput,
      ParentWorker.Events events) {
    this.spec = spec;
    this.serializer = serializer;
    this.failureCodec = new FailureCodec(serializer, spec.classLoader());
    this.initFrame = initFrame;
    this.initLength = initLength;
    this.events = events;
    this.workerOutput = workerOutput;
    try {
      this.transport =
          spec.transport()
              .createParentTransport(
                  new TransportSettings(spec.name(), spec.maxFrameSize(), HANDSHAKE_TIMEOUT));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the " + spec.transport().name() + " transport", e);
    }
    this.launcher = new WorkerLauncher(spec);
    this.spawner = Threads.daemonExecutor(spec.name() + "-spawner", spec.processes());
    this.senders = Threads.daemonExecutor(spec.name() + "-sender", spec.processes());
  }

  /**
   * Launches a worker's JVM on this thread, so that its pid is known on return.
   *
   * @throws IOException if the JVM cannot be started
   */
  ParentWorker launch(String name) throws IOException {
    LaunchedWorker launched = launcher.launch(name, workerOutput);
    ParentWorker worker = new ParentWorker(launched, serializer, failureCodec, events, senders);
    workers.add(worker);
    return worker;
  }

  /** A numbered name for the next worker of the pool. */
  String nextName() {
    return spec.name() + "-worker-" + workerNumbers.incrementAndGet();
  }

  /** Runs {@code start} on a spawner thread. */
  void inBackground(Runnable start) {
    spawner.execute(start);
  }

  /**
   * Sends a launched worker its bootstrap, connects to it and waits until it is ready; a failure is
   * reported as the worker's crash during start.
   */
  void connect(ParentWorker worker) {
    LaunchedWorker launched = worker.process();
    String name = launched.name();
    try {
      new Bootstrap(
              spec.name(),
              name,
              ProcessHandle.current().pid(),
              spec.transport().name(),
              spec.transport().getClass().getName(),
              transport.connectionParameters(name),
              spec.serializer().name(),
              spec.serializer().getClass().getName(),
              serializer.fingerprint(),
              spec.maxFrameSize(),
              HANDSHAKE_TIMEOUT.toMillis())
          .writeTo(launched.stdin());
      FrameChannel channel = transport.connect(launched, spec.startTimeout());
      if (!transport.readsWorkerStdout()) {
        launched.forwardStdout();
      }
      worker.open(channel, initFrame, initLength);
      worker.awaitSettled(spec.startTimeout().toMillis());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      worker.crashedDuringStart("did not start: " + e.getMessage());
    }
  }

  /** A worker whose channel closed and whose process ended is no longer kept. */
  void gone(ParentWorker worker) {
    workers.remove(worker);
  }

  List<ParentWorker> workers() {
    return new ArrayList<>(workers);
  }

  /** Releases the transport, the launcher's files and the threads, once every worker is gone. */
  void close() {
    transport.close();
    launcher.close();
    spawner.shutdown();
    senders.shutdown();
  }
}
