package org.multiprocessing4j.transport.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConnectionParametersTest {
  private static final byte[] KEY = new byte[Handshake.KEY_LENGTH];

  static {
    Arrays.fill(KEY, (byte) 0xAB);
  }

  @Test
  void roundTrips() throws IOException {
    ConnectionParameters tcp =
        new ConnectionParameters(AddressFamily.TCP, "127.0.0.1", 40123, "pool-1-worker-2", KEY);
    ConnectionParameters unix =
        new ConnectionParameters(AddressFamily.UNIX, "/tmp/mpj-1/s", 0, "w", KEY);

    for (ConnectionParameters original : new ConnectionParameters[] {tcp, unix}) {
      ConnectionParameters copy = ConnectionParameters.decode(original.encode());
      assertEquals(original.family(), copy.family());
      assertEquals(original.address(), copy.address());
      assertEquals(original.port(), copy.port());
      assertEquals(original.workerName(), copy.workerName());
      assertArrayEquals(original.key(), copy.key());
    }
  }

  @Test
  void rejectsWhatItDidNotWrite() {
    byte[] good = new ConnectionParameters(AddressFamily.TCP, "127.0.0.1", 1, "w", KEY).encode();
    byte[] otherMagic = good.clone();
    otherMagic[0] = 'X';
    byte[] longer = Arrays.copyOf(good, good.length + 1);

    assertThrows(IOException.class, () -> ConnectionParameters.decode(otherMagic));
    assertThrows(IOException.class, () -> ConnectionParameters.decode(longer));
    assertThrows(
        IOException.class, () -> ConnectionParameters.decode(Arrays.copyOf(good, good.length - 1)));
    assertThrows(IOException.class, () -> ConnectionParameters.decode(new byte[0]));
  }

  @Test
  void toStringLeavesTheKeyOut() {
    String text = new ConnectionParameters(AddressFamily.TCP, "127.0.0.1", 1, "w", KEY).toString();
    assertFalse(text.toLowerCase().contains(HexFormat.of().formatHex(KEY)));
    assertFalse(text.contains("key"));
  }
}
