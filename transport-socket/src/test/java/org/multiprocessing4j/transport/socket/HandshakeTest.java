package org.multiprocessing4j.transport.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HandshakeTest {
  private static final byte[] KEY = filled(Handshake.KEY_LENGTH, 1);
  private static final byte[] PARENT_NONCE = filled(Handshake.NONCE_LENGTH, 2);
  private static final byte[] WORKER_NONCE = filled(Handshake.NONCE_LENGTH, 3);

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static byte[] mac(
      byte[] key, byte role, byte[] parentNonce, byte[] workerNonce, String n) {
    return Handshake.mac(key, role, parentNonce, workerNonce, n);
  }

  @Test
  void theMacBindsKeyRoleBothNoncesAndTheWorkerName() {
    byte[] mac = mac(KEY, Handshake.WORKER, PARENT_NONCE, WORKER_NONCE, "w1");

    assertEquals(32, mac.length);
    assertTrue(
        Handshake.sameMac(mac, mac(KEY, Handshake.WORKER, PARENT_NONCE, WORKER_NONCE, "w1")));
    assertFalse(
        Handshake.sameMac(
            mac, mac(filled(32, 9), Handshake.WORKER, PARENT_NONCE, WORKER_NONCE, "w1")));
    assertFalse(
        Handshake.sameMac(mac, mac(KEY, Handshake.PARENT, PARENT_NONCE, WORKER_NONCE, "w1")));
    assertFalse(
        Handshake.sameMac(mac, mac(KEY, Handshake.WORKER, WORKER_NONCE, WORKER_NONCE, "w1")));
    assertFalse(
        Handshake.sameMac(mac, mac(KEY, Handshake.WORKER, PARENT_NONCE, PARENT_NONCE, "w1")));
    assertFalse(
        Handshake.sameMac(mac, mac(KEY, Handshake.WORKER, PARENT_NONCE, WORKER_NONCE, "w2")));
  }

  @Test
  void helloRoundTrips() throws Exception {
    Handshake.Hello worker =
        Handshake.parseHello(
            Handshake.hello(Handshake.WORKER, WORKER_NONCE, "pool-1-worker-ü"), Handshake.WORKER);
    Handshake.Hello parent =
        Handshake.parseHello(
            Handshake.hello(Handshake.PARENT, PARENT_NONCE, null), Handshake.PARENT);

    assertArrayEquals(WORKER_NONCE, worker.nonce());
    assertEquals("pool-1-worker-ü", worker.workerName());
    assertArrayEquals(PARENT_NONCE, parent.nonce());
    assertNull(parent.workerName());
  }

  @Test
  void helloRejectsWhatIsNotAHello() {
    byte[] good = Handshake.hello(Handshake.WORKER, WORKER_NONCE, "w1");
    byte[] badMagic = good.clone();
    badMagic[1] = 'X';
    byte[] badVersion = good.clone();
    badVersion[5] = 9;

    assertThrows(ProtocolException.class, () -> Handshake.parseHello(badMagic, Handshake.WORKER));
    assertThrows(ProtocolException.class, () -> Handshake.parseHello(badVersion, Handshake.WORKER));
    assertThrows(ProtocolException.class, () -> Handshake.parseHello(good, Handshake.PARENT));
    assertThrows(
        ProtocolException.class,
        () -> Handshake.parseHello(Arrays.copyOf(good, 20), Handshake.WORKER));
    assertThrows(
        ProtocolException.class,
        () ->
            Handshake.parseHello(
                Handshake.hello(Handshake.WORKER, WORKER_NONCE, "a\nb"), Handshake.WORKER));
  }

  @Test
  void aFailureReadsAsARefusalWhereverItComes() {
    ProtocolException refused =
        assertThrows(ProtocolException.class, () -> Handshake.parseOk(Handshake.failure()));
    assertTrue(refused.getMessage().contains("refused"));
    assertThrows(ProtocolException.class, () -> Handshake.parseProof(Handshake.failure()));
    assertThrows(ProtocolException.class, () -> Handshake.parseProof(Handshake.ok()));
  }

  @Test
  void everyMessageFitsTheHandshakeFrameLimit() {
    String longest = "x".repeat(Handshake.MAX_NAME_BYTES);
    assertTrue(
        Handshake.hello(Handshake.WORKER, WORKER_NONCE, longest).length <= Handshake.MAX_MESSAGE);
    assertThrows(IllegalArgumentException.class, () -> Handshake.checkWorkerName(longest + "x"));
    assertThrows(IllegalArgumentException.class, () -> Handshake.checkWorkerName(""));
    assertThrows(IllegalArgumentException.class, () -> Handshake.checkWorkerName("a\u001bb"));
  }
}
