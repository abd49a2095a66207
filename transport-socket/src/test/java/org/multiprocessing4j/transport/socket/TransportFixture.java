package org.multiprocessing4j.transport.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.FrameHandler;
import org.multiprocessing4j.spi.ParentTransport;
import org.multiprocessing4j.spi.TransportSettings;

/** A parent transport with workers simulated in this JVM, as the pool would drive them. */
final class TransportFixture implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final int MAX_FRAME = 65 << 20;

  final SocketTransportProvider provider;
  final TransportSettings settings;
  final ParentTransport parent;
  private final List<FrameChannel> opened = new CopyOnWriteArrayList<>();

  TransportFixture(Variant variant) throws IOException {
    this(variant, new TransportSettings("test-pool", MAX_FRAME, Duration.ofSeconds(2)));
  }

  TransportFixture(Variant variant, TransportSettings settings) throws IOException {
    this.provider = variant.provider();
    this.settings = settings;
    this.parent = provider.createParentTransport(settings);
  }

  /** Both ends of one worker's connection. */
  record Link(FrameChannel parent, FrameChannel worker) {}

  /** Connects a worker the way the pool does, without starting either end. */
  Link link(String workerName) throws Exception {
    byte[] parameters = parent.connectionParameters(workerName);
    CompletableFuture<FrameChannel> workerEnd = connectWorker(parameters);
    FrameChannel parentEnd = parent.connect(new FakeWorker(workerName), WAIT);
    opened.add(parentEnd);
    return new Link(parentEnd, workerEnd.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** Connects a worker and starts both ends with the given handlers. */
  Link link(String workerName, FrameHandler atParent, FrameHandler atWorker) throws Exception {
    Link link = link(workerName);
    link.parent().start(atParent);
    link.worker().start(atWorker);
    return link;
  }

  /** Runs a worker's connect on another thread, as the worker JVM would. */
  CompletableFuture<FrameChannel> connectWorker(byte[] parameters) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            FrameChannel channel =
                provider
                    .createWorkerTransport()
                    .connect(
                        parameters,
                        InputStream.nullInputStream(),
                        OutputStream.nullOutputStream(),
                        settings);
            opened.add(channel);
            return channel;
          } catch (IOException failed) {
            throw new UncheckedIOException(failed);
          }
        });
  }

  @Override
  public void close() {
    opened.forEach(FrameChannel::close);
    parent.close();
  }
}
