package org.multiprocessing4j.core.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.FrameHandler;
import org.multiprocessing4j.spi.ParentTransport;
import org.multiprocessing4j.spi.TransportProvider;
import org.multiprocessing4j.spi.TransportSettings;
import org.multiprocessing4j.spi.WorkerProcess;

/**
 * The parent's end of one {@link FramePeerMain} child JVM: starts it the way the pool starts a
 * worker (connection parameters on stdin, then {@link ParentTransport#connect}), and holds the
 * channel. Closing checks that the child exits by itself once its channel has closed.
 */
final class FramePeer implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);

  private final ParentTransport transport;
  private final Process process;
  private final Path directory;
  private final String name;
  private FrameChannel channel;

  private FramePeer(ParentTransport transport, Process process, Path directory, String name) {
    this.transport = transport;
    this.process = process;
    this.directory = directory;
    this.name = name;
  }

  /**
   * Starts a peer and connects to it; the channel is started with {@code handler}.
   *
   * @param childMaxFrameSize the maximum frame size the child is told, normally the parent's
   * @param jvmOptions options for the child JVM
   * @param arguments what the child does with frames, then what it does after connecting
   */
  static FramePeer start(
      TransportProvider provider,
      TransportSettings settings,
      int childMaxFrameSize,
      List<String> jvmOptions,
      Path directory,
      FrameHandler handler,
      String... arguments)
      throws IOException, TimeoutException, InterruptedException {
    Files.createDirectories(directory);
    String name = "frame-peer-" + COUNT.incrementAndGet();
    ParentTransport transport = provider.createParentTransport(settings);
    Process process = null;
    try {
      byte[] parameters = transport.connectionParameters(name);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(FramePeerMain.class.getName());
      command.add(directory.toString());
      command.addAll(List.of(arguments));
      process =
          new ProcessBuilder(command)
              .redirectError(directory.resolve("stderr.txt").toFile())
              .start();
      writeBootstrap(
          process.getOutputStream(), provider.name(), childMaxFrameSize, settings, parameters);
      if (!transport.readsWorkerStdout()) {
        drain(process.getInputStream(), name);
      }
      FramePeer peer = new FramePeer(transport, process, directory, name);
      peer.channel = transport.connect(peer.asWorker(), CONNECT_TIMEOUT);
      peer.channel.start(handler);
      return peer;
    } catch (IOException | TimeoutException | InterruptedException | RuntimeException failed) {
      transport.close();
      if (process != null) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      throw failed;
    }
  }

  private static void writeBootstrap(
      OutputStream stdin,
      String transportName,
      int maxFrameSize,
      TransportSettings settings,
      byte[] parameters)
      throws IOException {
    DataOutputStream out = new DataOutputStream(stdin);
    out.writeUTF(transportName);
    out.writeInt(maxFrameSize);
    out.writeLong(settings.handshakeTimeout().toMillis());
    out.writeInt(parameters.length);
    out.write(parameters);
    out.flush();
  }

  private static void drain(InputStream stdout, String name) {
    Thread drainer =
        new Thread(
            () -> {
              try {
                stdout.transferTo(OutputStream.nullOutputStream());
              } catch (IOException gone) {
                // The child has exited.
              }
            },
            name + "-stdout");
    drainer.setDaemon(true);
    drainer.start();
  }

  private WorkerProcess asWorker() {
    return new WorkerProcess() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long pid() {
        return process.pid();
      }

      @Override
      public OutputStream stdin() {
        return process.getOutputStream();
      }

      @Override
      public InputStream stdout() {
        return process.getInputStream();
      }

      @Override
      public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
      }
    };
  }

  /** The parent's end of the channel. */
  FrameChannel channel() {
    return channel;
  }

  /** Ends the child's {@code stall}. */
  void release() throws IOException {
    Files.writeString(directory.resolve(FramePeerMain.RELEASE_FILE), "go");
  }

  /** Kills the child, as a pool kills a worker it gives up on, and waits for it to go. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Waits for the child to exit by itself, failing after {@code timeout}. */
  void awaitExit(Duration timeout) throws InterruptedException, IOException {
    assertTrue(
        process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS),
        "the peer JVM "
            + name
            + " did not exit within "
            + timeout
            + ": its end of the channel never closed; stderr: "
            + stderr());
  }

  /** Waits for the child to exit by itself and returns what it reported about its channel. */
  Properties awaitReport(Duration timeout) throws InterruptedException, IOException {
    awaitExit(timeout);
    Path file = directory.resolve(FramePeerMain.REPORT_FILE);
    assertTrue(
        Files.exists(file),
        "the peer JVM "
            + name
            + " exited with "
            + process.exitValue()
            + " without a report; stderr: "
            + stderr());
    Properties report = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      report.load(in);
    }
    return report;
  }

  /** The child's standard error so far. */
  String stderr() throws IOException {
    Path file = directory.resolve("stderr.txt");
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  /**
   * Closes the parent's end and its transport, then fails if the child does not exit by itself,
   * since the child's channel must close when the parent's does; kills it in that case.
   */
  @Override
  public void close() throws InterruptedException, IOException {
    try {
      if (channel != null) {
        channel.close();
      }
    } finally {
      transport.close();
    }
    if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "the peer JVM "
              + name
              + " did not exit within "
              + EXIT_TIMEOUT
              + " of the parent closing its channel and transport; stderr: "
              + stderr());
    }
  }
}
