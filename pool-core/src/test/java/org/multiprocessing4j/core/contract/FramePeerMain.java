package org.multiprocessing4j.core.contract;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.FrameHandler;
import org.multiprocessing4j.spi.Providers;
import org.multiprocessing4j.spi.TransportProvider;
import org.multiprocessing4j.spi.TransportSettings;

/**
 * The worker end of {@link AbstractFrameChannelContractTest}: a child JVM that connects with a
 * transport's {@link org.multiprocessing4j.spi.WorkerTransport}, as a pool worker does, and then
 * receives and sends frames as its arguments say. Public only because {@code java} starts it.
 *
 * <p>Its stdin starts with a bootstrap of its own (the transport's name, the maximum frame size,
 * the handshake timeout in milliseconds and the connection parameters), so the parameters travel on
 * stdin as the pool sends them. Arguments: a directory, what to do with each frame received ({@code
 * echo} sends it back, {@code sink} checks it as a {@link PatternFrames} data frame and answers
 * {@link PatternFrames#END} with a report, {@code stall} is {@code sink} that first waits for the
 * file {@code release} in the directory, {@code throw} throws), then what to do after connecting
 * ({@code wait}; {@code flood senders frames size} sends from that many threads, then END; {@code
 * sendThenClose frames size}; {@code oversize length} sends one frame that long). When its channel
 * has closed, it writes {@code report.properties} to the directory and exits.
 */
public final class FramePeerMain {
  /** The file whose appearance ends a {@code stall}. */
  static final String RELEASE_FILE = "release";

  /** The file the peer writes as it exits. */
  static final String REPORT_FILE = "report.properties";

  /** What a {@code throw} peer's handler throws. */
  static final String THROWN_MESSAGE = "the peer's frame handler fails on purpose";

  /** Lets a late second {@code onClose} show before the report is written. */
  private static final long SECOND_CLOSE_GRACE_MILLIS = 300;

  private static final Duration LONGEST_LIFE = Duration.ofMinutes(3);

  private final Path directory;
  private final String receive;
  private final FrameChannel channel;
  private final PatternFrames.Checker checker = new PatternFrames.Checker();
  private final AtomicInteger closes = new AtomicInteger();
  private final AtomicInteger framesAfterClose = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final AtomicInteger inFrame = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<Throwable> sendFailures = new ArrayList<>();
  private volatile Throwable closeCause;
  private boolean released;

  private FramePeerMain(Path directory, String receive, FrameChannel channel) {
    this.directory = directory;
    this.receive = receive;
    this.channel = channel;
  }

  public static void main(String[] args) throws Exception {
    // As a pool worker does: stdout may carry frames, so nothing else may print there.
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    System.setOut(
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, Charset.defaultCharset()));
    InputStream stdin = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 64 << 10);
    DataInputStream bootstrap = new DataInputStream(stdin);
    String transportName = bootstrap.readUTF();
    TransportSettings settings =
        new TransportSettings(
            "frame-peer", bootstrap.readInt(), Duration.ofMillis(bootstrap.readLong()));
    byte[] parameters = new byte[bootstrap.readInt()];
    bootstrap.readFully(parameters);

    ClassLoader loader = FramePeerMain.class.getClassLoader();
    TransportProvider provider =
        Providers.byName(
            TransportProvider.class, transportName, loader, "transport", "the transport's jar");
    FrameChannel channel =
        provider.createWorkerTransport().connect(parameters, stdin, stdout, settings);
    FramePeerMain peer = new FramePeerMain(Path.of(args[0]), args[1], channel);
    channel.start(peer.handler());
    peer.act(Arrays.copyOfRange(args, 2, args.length));
    System.exit(peer.awaitCloseAndReport());
  }

  private FrameHandler handler() {
    return new FrameHandler() {
      @Override
      public void onFrame(byte[] frame) {
        if (inFrame.incrementAndGet() > 1) {
          overlaps.incrementAndGet();
        }
        try {
          if (closes.get() > 0) {
            framesAfterClose.incrementAndGet();
          }
          receive(frame);
        } finally {
          inFrame.decrementAndGet();
        }
      }

      @Override
      public void onClose(Throwable cause) {
        if (closes.incrementAndGet() == 1) {
          closeCause = cause;
        }
        closed.countDown();
      }
    };
  }

  private void receive(byte[] frame) {
    switch (receive) {
      case "echo" -> send(frame, frame.length);
      case "throw" -> throw new IllegalStateException(THROWN_MESSAGE);
      case "stall" -> {
        awaitRelease();
        sink(frame);
      }
      case "sink" -> sink(frame);
      default -> throw new IllegalArgumentException("unknown receive mode " + receive);
    }
  }

  private void sink(byte[] frame) {
    if (PatternFrames.isEnd(frame)) {
      byte[] report = PatternFrames.report(checker.summary());
      send(report, report.length);
    } else {
      checker.accept(frame);
    }
  }

  private void awaitRelease() {
    while (!released) {
      if (Files.exists(directory.resolve(RELEASE_FILE))) {
        released = true;
      } else {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void act(String[] action) throws InterruptedException {
    switch (action[0]) {
      case "wait" -> {}
      case "flood" -> {
        flood(
            Integer.parseInt(action[1]), Integer.parseInt(action[2]), Integer.parseInt(action[3]));
        send(PatternFrames.END, PatternFrames.END.length);
      }
      case "sendThenClose" -> {
        int frames = Integer.parseInt(action[1]);
        int size = Integer.parseInt(action[2]);
        for (int i = 0; i < frames; i++) {
          send(PatternFrames.data(0, i, size), size);
        }
        channel.close();
      }
      case "oversize" -> {
        int length = Integer.parseInt(action[1]);
        send(PatternFrames.data(0, 0, length), length);
      }
      default -> throw new IllegalArgumentException("unknown action " + action[0]);
    }
  }

  private void flood(int senders, int frames, int size) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      int sender = s;
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < frames; i++) {
                  if (!send(PatternFrames.data(sender, i, size), size)) {
                    return;
                  }
                }
              },
              "flood-" + sender);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** Sends a frame; returns false, and records why, if the channel refuses it. */
  private boolean send(byte[] frame, int length) {
    try {
      channel.send(frame, length);
      return true;
    } catch (IOException | RuntimeException | Error failure) {
      synchronized (sendFailures) {
        sendFailures.add(failure);
      }
      return false;
    }
  }

  private int awaitCloseAndReport() throws InterruptedException, IOException {
    boolean ended = closed.await(LONGEST_LIFE.toMillis(), TimeUnit.MILLISECONDS);
    Thread.sleep(SECOND_CLOSE_GRACE_MILLIS);
    Properties report = checker.summary();
    report.setProperty("closed", Boolean.toString(ended));
    report.setProperty("closes", Integer.toString(closes.get()));
    report.setProperty("closeCause", describe(closeCause));
    report.setProperty("framesAfterClose", Integer.toString(framesAfterClose.get()));
    report.setProperty("overlaps", Integer.toString(overlaps.get()));
    synchronized (sendFailures) {
      report.setProperty("sendFailures", Integer.toString(sendFailures.size()));
      report.setProperty(
          "firstSendFailure", sendFailures.isEmpty() ? "" : describe(sendFailures.get(0)));
    }
    Path written = directory.resolve(REPORT_FILE + ".tmp");
    try (OutputStream out = Files.newOutputStream(written)) {
      report.store(out, null);
    }
    Files.move(written, directory.resolve(REPORT_FILE), StandardCopyOption.ATOMIC_MOVE);
    return 0;
  }

  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      text.append(text.length() == 0 ? "" : " <- ").append(t);
    }
    return text.toString();
  }
}
