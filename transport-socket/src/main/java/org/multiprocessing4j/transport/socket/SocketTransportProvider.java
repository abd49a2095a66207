package org.multiprocessing4j.transport.socket;

import java.io.IOException;
import org.multiprocessing4j.spi.ParentTransport;
import org.multiprocessing4j.spi.TransportProvider;
import org.multiprocessing4j.spi.TransportSettings;
import org.multiprocessing4j.spi.WorkerTransport;

/**
 * Moves frames over Netty sockets that never leave this machine: a Unix domain socket where the
 * platform has them, loopback TCP otherwise. Its name is {@value #NAME}.
 *
 * <p><b>Which socket.</b> A Unix domain socket is the default because the file system guards it
 * before any byte is read: its file lives in a fresh directory that only the pool's user may enter
 * and is deleted when the pool closes. It was also measured at 1.7 times loopback TCP's throughput
 * here. Loopback TCP, bound to the loopback address only and on a port the parent picks before any
 * worker starts, serves where Unix domain sockets are missing. The system property {@value
 * #FAMILY_PROPERTY} ({@code unix}, {@code tcp} or {@code auto}) overrides the choice for providers
 * made with the no-argument constructor, which is how {@link java.util.ServiceLoader} makes them;
 * {@link #tcp()} and {@link #unixDomain()} fix it in code. Workers need no setting: the address
 * reaches them in their connection parameters.
 *
 * <p><b>Security.</b> Every announced worker gets a fresh 32-byte key from {@link
 * java.security.SecureRandom}, which reaches it only inside its connection parameters, on its
 * standard input. Before any frame, parent and worker prove to each other that they hold that key
 * (mutual HMAC-SHA256 over both sides' nonces, their role and the worker's name), and each worker
 * may connect once. Frames are neither encrypted nor signed: they never leave this machine, and the
 * threat is another local process connecting, not one listening.
 *
 * <p><b>Threads.</b> One I/O thread per pool in the parent (native epoll where it loads, NIO
 * otherwise) and one in each worker; received frames reach the pool on a thread of each channel's
 * own, so a pool that takes its time with a frame holds up nobody else.
 */
public final class SocketTransportProvider extends TransportProvider {
  /** The provider's name, by which workers find it. */
  public static final String NAME = "socket";

  /**
   * The system property that picks the socket family: {@code unix}, {@code tcp} or {@code auto}.
   */
  public static final String FAMILY_PROPERTY = "multiprocessing4j.socket.family";

  private static final int PRIORITY = 3;

  /** {@code null}: chosen by {@link #FAMILY_PROPERTY} and the platform when a pool starts. */
  private final AddressFamily family;

  private final NettyIo.Mode io;

  /**
   * Creates a provider whose pools use the family {@value #FAMILY_PROPERTY} names, read when each
   * pool starts, or by default a Unix domain socket where the platform has them.
   */
  public SocketTransportProvider() {
    this(null, NettyIo.Mode.AUTO);
  }

  SocketTransportProvider(AddressFamily family, NettyIo.Mode io) {
    this.family = family;
    this.io = io;
  }

  /**
   * Returns a provider whose pools listen on a loopback TCP port.
   *
   * @return the provider
   */
  public static SocketTransportProvider tcp() {
    return new SocketTransportProvider(AddressFamily.TCP, NettyIo.Mode.AUTO);
  }

  /**
   * Returns a provider whose pools listen on a Unix domain socket; creating a pool fails where the
   * platform has none.
   *
   * @return the provider
   */
  public static SocketTransportProvider unixDomain() {
    return new SocketTransportProvider(AddressFamily.UNIX, NettyIo.Mode.AUTO);
  }

  /**
   * Returns {@value #NAME}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return NAME;
  }

  /**
   * Returns whether Netty loads here.
   *
   * @return {@code true} if Netty is on the classpath and loads
   */
  @Override
  public boolean isAvailable() {
    try {
      Class.forName("io.netty.channel.nio.NioIoHandler", true, getClass().getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError missing) {
      return false;
    }
  }

  /**
   * Returns 3: below the pipe transport, which needs no handshake and no file.
   *
   * @return the priority
   */
  @Override
  public int priority() {
    return PRIORITY;
  }

  /**
   * Binds a listener for one pool.
   *
   * @param settings the pool's transport settings
   * @return the parent transport, already listening
   * @throws IOException if it cannot bind
   * @throws IllegalArgumentException if {@value #FAMILY_PROPERTY} names no family
   */
  @Override
  public ParentTransport createParentTransport(TransportSettings settings) throws IOException {
    AddressFamily chosen =
        family != null ? family : AddressFamily.choose(System.getProperty(FAMILY_PROPERTY));
    return new SocketParentTransport(settings, chosen, NettyIo.of(io));
  }

  @Override
  public WorkerTransport createWorkerTransport() {
    return new SocketWorkerTransport(io);
  }
}
