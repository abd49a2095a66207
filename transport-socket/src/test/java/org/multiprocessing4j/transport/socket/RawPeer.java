package org.multiprocessing4j.transport.socket;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A hand-driven peer on a plain JDK socket: it can say anything, or nothing. */
final class RawPeer implements AutoCloseable {
  private final SocketChannel channel;
  private final Selector selector;

  private RawPeer(SocketChannel channel) throws IOException {
    this.channel = channel;
    channel.configureBlocking(false);
    this.selector = Selector.open();
    channel.register(selector, SelectionKey.OP_READ);
  }

  /** Connects to where {@code parameters} point, whoever it then claims to be. */
  static RawPeer connect(byte[] parameters) throws IOException {
    ConnectionParameters target = ConnectionParameters.decode(parameters);
    SocketAddress address =
        target.family() == AddressFamily.UNIX
            ? UnixDomainSocketAddress.of(target.address())
            : new InetSocketAddress(target.address(), target.port());
    return new RawPeer(SocketChannel.open(address));
  }

  void send(byte[] bytes) throws IOException, InterruptedException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      if (channel.write(buffer) == 0) {
        Thread.sleep(1);
      }
    }
  }

  void sendFrame(byte[] payload) throws IOException, InterruptedException {
    send(ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array());
  }

  /** Reads one frame; throws {@link EOFException} if the parent closed the connection. */
  byte[] readFrame(Duration timeout) throws IOException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ByteBuffer header = ByteBuffer.allocate(4);
    readFully(header, deadline);
    int length = header.flip().getInt();
    if (length < 0 || length > Handshake.MAX_MESSAGE) {
      throw new IOException("The parent sent a frame of " + length + " bytes");
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    readFully(payload, deadline);
    return payload.array();
  }

  /** Returns whether the parent closes the connection within {@code timeout}. */
  boolean closedWithin(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ByteBuffer sink = ByteBuffer.allocate(512);
    try {
      while (true) {
        sink.clear();
        readFully(sink, deadline);
      }
    } catch (EOFException closed) {
      return true;
    } catch (TimeoutException stillOpen) {
      return false;
    }
  }

  private void readFully(ByteBuffer buffer, long deadline) throws IOException, TimeoutException {
    while (buffer.hasRemaining()) {
      int read;
      try {
        read = channel.read(buffer);
      } catch (IOException reset) {
        throw new EOFException("reset: " + reset.getMessage());
      }
      if (read < 0) {
        throw new EOFException();
      }
      if (read == 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException();
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
      }
    }
  }

  /**
   * Runs the worker's side of the handshake as {@code workerName} with {@code key}, and says OK
   * back if the parent accepts.
   *
   * @return the parent's verdict: {@link Handshake#OK} or {@link Handshake#FAILURE}
   */
  byte handshake(String workerName, byte[] key, Duration timeout) throws Exception {
    byte[] nonce = new byte[Handshake.NONCE_LENGTH];
    new SecureRandom().nextBytes(nonce);
    sendFrame(Handshake.hello(Handshake.WORKER, nonce, workerName));
    Handshake.Hello parent = Handshake.parseHello(readFrame(timeout), Handshake.PARENT);
    sendFrame(
        Handshake.proof(Handshake.mac(key, Handshake.WORKER, parent.nonce(), nonce, workerName)));
    Handshake.parseProof(readFrame(timeout));
    byte verdict = readFrame(timeout)[0];
    if (verdict == Handshake.OK) {
      sendFrame(Handshake.ok());
    }
    return verdict;
  }

  @Override
  public void close() throws IOException {
    selector.close();
    channel.close();
  }
}
