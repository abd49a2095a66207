package org.multiprocessing4j.transport.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.spi.ParentTransport;
import org.multiprocessing4j.spi.Providers;
import org.multiprocessing4j.spi.TransportProvider;
import org.multiprocessing4j.spi.TransportSettings;

@Timeout(20)
class SocketTransportProviderTest {
  private static final TransportSettings SETTINGS =
      new TransportSettings("provider-test", 1 << 20, Duration.ofSeconds(2));

  @AfterEach
  void clearProperty() {
    System.clearProperty(SocketTransportProvider.FAMILY_PROPERTY);
  }

  @Test
  void isFoundByNameThroughServiceLoader() {
    TransportProvider provider =
        Providers.byName(
            TransportProvider.class,
            "socket",
            getClass().getClassLoader(),
            "transport",
            "org.multiprocessing4j:transport-socket");

    assertInstanceOf(SocketTransportProvider.class, provider);
    assertTrue(provider.isAvailable());
    assertEquals(3, provider.priority());
  }

  @Test
  void aUnixDomainSocketLivesInAPrivateDirectoryThatGoesOnClose() throws Exception {
    assumeTrue(AddressFamily.unixDomainSupported());
    Path socket;
    try (ParentTransport parent =
        SocketTransportProvider.unixDomain().createParentTransport(SETTINGS)) {
      ConnectionParameters parameters =
          ConnectionParameters.decode(parent.connectionParameters("worker-1"));
      assertEquals(AddressFamily.UNIX, parameters.family());
      socket = Path.of(parameters.address());
      assertTrue(Files.exists(socket));
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    }
    assertFalse(Files.exists(socket));
    assertFalse(Files.exists(socket.getParent()));
  }

  @Test
  void tcpListensOnTheLoopbackAddressOnly() throws Exception {
    try (ParentTransport parent = SocketTransportProvider.tcp().createParentTransport(SETTINGS)) {
      ConnectionParameters parameters =
          ConnectionParameters.decode(parent.connectionParameters("worker-1"));
      assertEquals(AddressFamily.TCP, parameters.family());
      assertTrue(InetAddress.getByName(parameters.address()).isLoopbackAddress());
      assertTrue(parameters.port() > 0);
    }
  }

  @Test
  void theSystemPropertyPicksTheFamily() throws Exception {
    System.setProperty(SocketTransportProvider.FAMILY_PROPERTY, "TCP");
    try (ParentTransport parent = new SocketTransportProvider().createParentTransport(SETTINGS)) {
      assertEquals(
          AddressFamily.TCP,
          ConnectionParameters.decode(parent.connectionParameters("worker-1")).family());
    }

    System.setProperty(SocketTransportProvider.FAMILY_PROPERTY, "carrier-pigeon");
    assertThrows(
        IllegalArgumentException.class,
        () -> new SocketTransportProvider().createParentTransport(SETTINGS));
  }

  @Test
  void prefersUnixDomainSocketsWhereThePlatformHasThem() throws Exception {
    try (ParentTransport parent = new SocketTransportProvider().createParentTransport(SETTINGS)) {
      AddressFamily expected =
          AddressFamily.unixDomainSupported() ? AddressFamily.UNIX : AddressFamily.TCP;
      assertEquals(
          expected, ConnectionParameters.decode(parent.connectionParameters("worker-1")).family());
    }
  }
}
