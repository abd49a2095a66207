package org.multiprocessing4j.transport.socket;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty's I/O flavour: native epoll where it loads (about twice NIO's speed on loopback), NIO
 * everywhere else. Both put the same bytes on the wire, so a parent and its workers need not agree.
 */
final class NettyIo {
  private static final Logger log = LoggerFactory.getLogger(NettyIo.class);

  /** Which flavour to use; a separate class so that choosing one loads no Netty class. */
  enum Mode {
    AUTO,
    NIO,
    EPOLL
  }

  private final boolean epoll;

  private NettyIo(boolean epoll) {
    this.epoll = epoll;
  }

  static NettyIo of(Mode mode) {
    switch (mode) {
      case NIO:
        return new NettyIo(false);
      case EPOLL:
        Epoll.ensureAvailability();
        return new NettyIo(true);
      default:
        return new NettyIo(epollLoads());
    }
  }

  private static boolean epollLoads() {
    try {
      if (Epoll.isAvailable()) {
        return true;
      }
      log.debug("Native epoll is unavailable; using NIO", Epoll.unavailabilityCause());
    } catch (LinkageError missing) {
      log.debug("Netty's epoll classes are missing; using NIO", missing);
    }
    return false;
  }

  /**
   * Creates a group with one daemon thread: one thread serves dozens of workers (wire notes 3.5).
   */
  EventLoopGroup newGroup(String threadName) {
    IoHandlerFactory handler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName, true), handler);
  }

  Class<? extends ServerChannel> serverChannel(AddressFamily family) {
    if (family == AddressFamily.UNIX) {
      return epoll ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class;
    }
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  Class<? extends Channel> channel(AddressFamily family) {
    if (family == AddressFamily.UNIX) {
      return epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class;
    }
    return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  SocketAddress unixAddress(String path) {
    return epoll ? new DomainSocketAddress(path) : UnixDomainSocketAddress.of(path);
  }

  @Override
  public String toString() {
    return epoll ? "epoll" : "nio";
  }
}
