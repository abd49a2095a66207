package org.multiprocessing4j.transport.socket;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where a parent transport listens: a loopback TCP port or a Unix domain socket file. */
enum AddressFamily {
  TCP('T'),
  UNIX('U');

  private static final Logger log = LoggerFactory.getLogger(AddressFamily.class);

  /** How the family is written in connection parameters. */
  final byte code;

  AddressFamily(char code) {
    this.code = (byte) code;
  }

  static AddressFamily fromCode(byte code) throws IOException {
    for (AddressFamily family : values()) {
      if (family.code == code) {
        return family;
      }
    }
    throw new IOException("Unknown socket address family code " + code);
  }

  /**
   * Returns the family that {@code preference} names, or the platform's best when it is {@code
   * null} or {@code "auto"}.
   *
   * @throws IllegalArgumentException if {@code preference} names no family
   */
  static AddressFamily choose(String preference) {
    if (preference == null || preference.equalsIgnoreCase("auto")) {
      return unixDomainSupported() ? UNIX : TCP;
    }
    switch (preference.toLowerCase(Locale.ROOT)) {
      case "tcp":
        return TCP;
      case "unix":
        return UNIX;
      default:
        throw new IllegalArgumentException(
            "System property "
                + SocketTransportProvider.FAMILY_PROPERTY
                + " must be tcp, unix or auto, not '"
                + preference
                + "'");
    }
  }

  static boolean unixDomainSupported() {
    try {
      SocketChannel.open(StandardProtocolFamily.UNIX).close();
      return true;
    } catch (UnsupportedOperationException | IOException unsupported) {
      log.debug("Unix domain sockets are unavailable here; using loopback TCP", unsupported);
      return false;
    }
  }
}
