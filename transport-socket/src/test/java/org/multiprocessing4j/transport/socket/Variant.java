package org.multiprocessing4j.transport.socket;

import io.netty.channel.epoll.Epoll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One way to run the transport: a socket family on an I/O flavour. */
record Variant(AddressFamily family, NettyIo.Mode io) {

  /** Every variant this platform can run: TCP and UDS, each on NIO and, where it loads, epoll. */
  static List<Variant> all() {
    List<Variant> variants = new ArrayList<>();
    for (AddressFamily family : AddressFamily.values()) {
      if (family == AddressFamily.UNIX && !AddressFamily.unixDomainSupported()) {
        continue;
      }
      variants.add(new Variant(family, NettyIo.Mode.NIO));
      if (Epoll.isAvailable()) {
        variants.add(new Variant(family, NettyIo.Mode.EPOLL));
      }
    }
    return variants;
  }

  /** One variant per family, with the flavour the platform prefers. */
  static List<Variant> families() {
    return all().stream()
        .filter(v -> v.io() == (Epoll.isAvailable() ? NettyIo.Mode.EPOLL : NettyIo.Mode.NIO))
        .toList();
  }

  SocketTransportProvider provider() {
    return new SocketTransportProvider(family, io);
  }

  @Override
  public String toString() {
    return (family + "/" + io).toLowerCase(Locale.ROOT);
  }
}
