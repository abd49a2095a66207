package org.multiprocessing4j.transport.socket;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The messages and proofs of the mutual challenge that a connection runs before its first frame. It
 * follows Python 3.12's {@code multiprocessing.connection} challenge, made mutual in one exchange:
 * each side proves it holds the worker's key with a MAC over both sides' fresh nonces (no replay),
 * its own role (no reflection of the peer's proof) and the worker's name (no impersonation of
 * another worker).
 *
 * <pre>
 * HELLO   = 0x01 "MPJS" version role nonce[32] name   (name: UTF-8, sent by the worker only)
 * PROOF   = 0x02 mac[32]
 * OK      = 0x03
 * FAILURE = 0x04
 * mac     = HMAC-SHA256(key, "mpj-auth-v1" role parentNonce workerNonce name)
 * </pre>
 *
 * <p>Each message travels in a length-prefixed frame of at most {@link #MAX_MESSAGE} bytes.
 */
final class Handshake {
  static final int MAX_MESSAGE = 256;
  static final int KEY_LENGTH = 32;
  static final int NONCE_LENGTH = 32;
  static final int MAX_NAME_BYTES = 200;

  static final byte PARENT = 'S';
  static final byte WORKER = 'C';

  static final byte HELLO = 1;
  static final byte PROOF = 2;
  static final byte OK = 3;
  static final byte FAILURE = 4;

  private static final byte[] MAGIC = {'M', 'P', 'J', 'S'};
  private static final byte VERSION = 1;
  private static final int HELLO_HEADER = 1 + MAGIC.length + 1 + 1 + NONCE_LENGTH;
  private static final int MAC_LENGTH = 32;
  private static final byte[] MAC_LABEL = "mpj-auth-v1".getBytes(StandardCharsets.US_ASCII);
  private static final String MAC_ALGORITHM = "HmacSHA256";

  private Handshake() {}

  /** A peer's HELLO; {@code workerName} is {@code null} in the parent's. */
  record Hello(byte[] nonce, String workerName) {}

  static byte[] hello(byte role, byte[] nonce, String workerName) {
    byte[] name = workerName == null ? new byte[0] : nameBytes(workerName);
    return ByteBuffer.allocate(HELLO_HEADER + name.length)
        .put(HELLO)
        .put(MAGIC)
        .put(VERSION)
        .put(role)
        .put(nonce)
        .put(name)
        .array();
  }

  /**
   * Reads a HELLO that a peer in {@code role} sent.
   *
   * @throws ProtocolException if it is anything else
   */
  static Hello parseHello(byte[] message, byte role) throws ProtocolException {
    int nameLength = message.length - HELLO_HEADER;
    boolean named = role == WORKER;
    if (nameLength < 0
        || (named ? nameLength == 0 || nameLength > MAX_NAME_BYTES : nameLength != 0)
        || message[0] != HELLO
        || !Arrays.equals(message, 1, 1 + MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new ProtocolException("Not a multiprocessing4j handshake");
    }
    if (message[1 + MAGIC.length] != VERSION) {
      throw new ProtocolException("Unsupported handshake version " + message[1 + MAGIC.length]);
    }
    if (message[2 + MAGIC.length] != role) {
      throw new ProtocolException("The peer claims the wrong role");
    }
    byte[] nonce = Arrays.copyOfRange(message, 3 + MAGIC.length, HELLO_HEADER);
    if (!named) {
      return new Hello(nonce, null);
    }
    String name = new String(message, HELLO_HEADER, nameLength, StandardCharsets.UTF_8);
    if (!isPrintable(name)) {
      throw new ProtocolException("The worker name is not printable");
    }
    return new Hello(nonce, name);
  }

  static byte[] proof(byte[] mac) {
    return ByteBuffer.allocate(1 + MAC_LENGTH).put(PROOF).put(mac).array();
  }

  /**
   * Reads a PROOF and returns its MAC.
   *
   * @throws ProtocolException if it is anything else
   */
  static byte[] parseProof(byte[] message) throws ProtocolException {
    expect(message, PROOF, 1 + MAC_LENGTH);
    return Arrays.copyOfRange(message, 1, message.length);
  }

  static byte[] ok() {
    return new byte[] {OK};
  }

  static byte[] failure() {
    return new byte[] {FAILURE};
  }

  /**
   * Checks that {@code message} is an OK.
   *
   * @throws ProtocolException if it is anything else, with a clear message for a FAILURE
   */
  static void parseOk(byte[] message) throws ProtocolException {
    expect(message, OK, 1);
  }

  private static void expect(byte[] message, byte type, int length) throws ProtocolException {
    if (message.length == 1 && message[0] == FAILURE) {
      throw new ProtocolException("The peer refused the credentials");
    }
    if (message.length != length || message[0] != type) {
      throw new ProtocolException("Unexpected handshake message");
    }
  }

  /** Computes the proof that the side in {@code role} holds {@code key}. */
  static byte[] mac(
      byte[] key, byte role, byte[] parentNonce, byte[] workerNonce, String workerName) {
    try {
      Mac mac = Mac.getInstance(MAC_ALGORITHM);
      mac.init(new SecretKeySpec(key, MAC_ALGORITHM));
      mac.update(MAC_LABEL);
      mac.update(role);
      mac.update(parentNonce);
      mac.update(workerNonce);
      return mac.doFinal(nameBytes(workerName));
    } catch (GeneralSecurityException missing) {
      throw new IllegalStateException("Every Java platform has HmacSHA256", missing);
    }
  }

  /** Compares in constant time, so the time taken reveals nothing about the expected MAC. */
  static boolean sameMac(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * Checks that a worker name fits in a HELLO and can be logged safely.
   *
   * @throws IllegalArgumentException if it does not
   */
  static String checkWorkerName(String workerName) {
    int length = nameBytes(workerName).length;
    if (length == 0 || length > MAX_NAME_BYTES || !isPrintable(workerName)) {
      throw new IllegalArgumentException(
          "A worker name must be 1 to "
              + MAX_NAME_BYTES
              + " bytes of UTF-8 without control characters: '"
              + workerName
              + "'");
    }
    return workerName;
  }

  private static byte[] nameBytes(String workerName) {
    return workerName.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isPrintable(String name) {
    return name.codePoints().noneMatch(Character::isISOControl);
  }
}
