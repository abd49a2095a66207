package org.multiprocessing4j.transport.socket;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * What a worker needs to reach its parent, as it travels on the worker's standard input:
 *
 * <pre>
 * "MPJS"        4 bytes, magic
 * version       1 byte, 1
 * family        1 byte, 'T' (loopback TCP) or 'U' (Unix domain socket)
 * address       modified UTF-8 (DataOutput.writeUTF): an IP literal, or the socket file's path
 * port          4 bytes, big-endian; 0 for a Unix domain socket
 * worker name   modified UTF-8
 * key           1 byte length, then the key (32 bytes)
 * </pre>
 *
 * @param family how the parent listens
 * @param address the IP literal or socket file path
 * @param port the TCP port, or 0
 * @param workerName the name the worker connects under
 * @param key the worker's own secret, which only it and the parent know
 */
record ConnectionParameters(
    AddressFamily family, String address, int port, String workerName, byte[] key) {

  private static final int MAGIC = 0x4D504A53; // "MPJS"
  private static final int VERSION = 1;

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + address.length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeByte(VERSION);
      out.writeByte(family.code);
      out.writeUTF(address);
      out.writeInt(port);
      out.writeUTF(workerName);
      out.writeByte(key.length);
      out.write(key);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return bytes.toByteArray();
  }

  static ConnectionParameters decode(byte[] encoded) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      if (in.readInt() != MAGIC || in.readUnsignedByte() != VERSION) {
        throw new IOException(
            "These connection parameters are not for this version of the socket transport");
      }
      AddressFamily family = AddressFamily.fromCode(in.readByte());
      String address = in.readUTF();
      int port = in.readInt();
      String workerName = in.readUTF();
      byte[] key = new byte[in.readUnsignedByte()];
      in.readFully(key);
      if (in.read() != -1 || key.length != Handshake.KEY_LENGTH) {
        throw new IOException("Malformed socket transport connection parameters");
      }
      return new ConnectionParameters(family, address, port, workerName, key);
    } catch (EOFException truncated) {
      throw new IOException("Truncated socket transport connection parameters", truncated);
    }
  }

  SocketAddress socketAddress(NettyIo io) throws IOException {
    if (family == AddressFamily.UNIX) {
      return io.unixAddress(address);
    }
    // An IP literal, so no name lookup happens.
    return new InetSocketAddress(InetAddress.getByName(address), port);
  }

  String describeAddress() {
    return family == AddressFamily.UNIX ? address : address + ":" + port;
  }

  /** Leaves the key out, so that the parameters can be logged. */
  @Override
  public String toString() {
    return "ConnectionParameters[" + describeAddress() + ", worker " + workerName + "]";
  }
}
