package org.multiprocessing4j.transport.socket;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.ParentTransport;
import org.multiprocessing4j.spi.TransportSettings;
import org.multiprocessing4j.spi.WorkerProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool's listener: bound before any worker starts, so no other process can take its address, and
 * only ever on this machine (the loopback address, or a socket file in a directory only this user
 * can enter). Every connection must still pass the {@link Handshake} as an announced worker.
 */
final class SocketParentTransport implements ParentTransport {
  private static final Logger log = LoggerFactory.getLogger(SocketParentTransport.class);

  /** How long {@link #close} waits for sockets and the I/O thread to go. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

  private static final String SOCKET_FILE = "s";

  private final TransportSettings settings;
  private final AddressFamily family;
  private final SecureRandom random = new SecureRandom();
  private final WorkerRegistry registry = new WorkerRegistry(random);
  private final EventLoopGroup group;
  private final ChannelGroup channels;
  private final Path socketDirectory;
  private final String address;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  SocketParentTransport(TransportSettings settings, AddressFamily family, NettyIo io)
      throws IOException {
    this.settings = settings;
    this.family = family;
    this.group = io.newGroup("mpj-" + settings.poolName() + "-socket");
    this.channels =
        new DefaultChannelGroup(settings.poolName(), ImmediateEventExecutor.INSTANCE, true);
    Path directory = null;
    try {
      if (family == AddressFamily.UNIX) {
        directory = privateDirectory();
        Path socketFile = directory.resolve(SOCKET_FILE);
        bind(io, io.unixAddress(socketFile.toString()));
        this.address = socketFile.toString();
        this.port = 0;
      } else {
        Channel listener = bind(io, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
        this.address = bound.getAddress().getHostAddress();
        this.port = bound.getPort();
      }
    } catch (IOException | RuntimeException failed) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      deleteQuietly(directory);
      throw failed;
    }
    this.socketDirectory = directory;
    log.debug("Pool {} listens on {} with {}", settings.poolName(), describeAddress(), io);
  }

  private Channel bind(NettyIo io, SocketAddress bindTo) throws IOException {
    ChannelFuture bound =
        new ServerBootstrap()
            .group(group)
            .channel(io.serverChannel(family))
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, FramePipeline.WATER_MARK)
            .childHandler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    channels.add(channel);
                    FramePipeline.initHandshake(
                        channel, AuthHandler.parent(registry::admission, settings, random));
                  }
                })
            .bind(bindTo);
    try {
      bound.await();
    } catch (InterruptedException interrupted) {
      bound.channel().close();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while binding " + bindTo);
    }
    if (!bound.isSuccess()) {
      throw new IOException("Could not listen on " + bindTo, bound.cause());
    }
    channels.add(bound.channel());
    return bound.channel();
  }

  /** Creates a fresh directory that only this user may enter, for the socket file. */
  private static Path privateDirectory() throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path directory =
        posix
            ? Files.createTempDirectory(
                "mpj-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
            // Elsewhere (Windows) the user's temporary directory is private already.
            : Files.createTempDirectory("mpj-");
    // In case the pool is never closed; deleted in reverse order, so the file goes first.
    directory.toFile().deleteOnExit();
    directory.resolve(SOCKET_FILE).toFile().deleteOnExit();
    return directory;
  }

  @Override
  public byte[] connectionParameters(String workerName) throws IOException {
    Handshake.checkWorkerName(workerName);
    if (closed.get()) {
      throw new IOException("The socket transport of pool " + settings.poolName() + " is closed");
    }
    byte[] key = registry.announce(workerName);
    return new ConnectionParameters(family, address, port, workerName, key).encode();
  }

  @Override
  public FrameChannel connect(WorkerProcess worker, Duration timeout)
      throws IOException, TimeoutException, InterruptedException {
    return registry.await(worker, timeout);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    registry.close();
    long timeout = CLOSE_TIMEOUT.toMillis();
    channels.close().awaitUninterruptibly(timeout);
    group.shutdownGracefully(0, timeout, TimeUnit.MILLISECONDS).awaitUninterruptibly(timeout);
    deleteQuietly(socketDirectory);
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try {
      // The listener removes its socket file as it closes; this is in case it could not.
      Files.deleteIfExists(directory.resolve(SOCKET_FILE));
      Files.deleteIfExists(directory);
    } catch (IOException leftBehind) {
      log.warn("Could not delete the socket directory {}", directory, leftBehind);
    }
  }

  @Override
  public String toString() {
    return "SocketParentTransport[" + settings.poolName() + ", " + describeAddress() + "]";
  }

  private String describeAddress() {
    return family == AddressFamily.UNIX ? address : address + ":" + port;
  }
}
