package org.multiprocessing4j.core.internal;

import java.io.IOException;
import java.net.ProtocolException;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.spi.Serializer;

/** What proxies write into their calls and read from replies, with the errors callers expect. */
final class Payloads {
  private Payloads() {}

  /** Serializes {@code value} straight into {@code frame} and returns the frame. */
  static FrameWriter append(FrameWriter frame, Object value, Serializer serializer) {
    try {
      serializer.serialize(value, frame);
    } catch (IOException e) {
      throw new SerializationException("Could not serialize " + describe(value) + ": " + e, e);
    }
    return frame;
  }

  /** Deserializes the rest of a reply. */
  static Object value(Reply reply, Serializer serializer) {
    FrameReader payload = reply.payload;
    return serializer.deserialize(payload.frame(), payload.position(), payload.remaining());
  }

  /** The rest of a reply, as raw bytes. */
  static byte[] rest(Reply reply) {
    FrameReader payload = reply.payload;
    byte[] bytes = new byte[payload.remaining()];
    System.arraycopy(payload.frame(), payload.position(), bytes, 0, bytes.length);
    return bytes;
  }

  static int readInt(Reply reply) {
    try {
      return reply.payload.readInt();
    } catch (ProtocolException e) {
      throw unreadable(e);
    }
  }

  static int readByte(Reply reply) {
    try {
      return reply.payload.readByte();
    } catch (ProtocolException e) {
      throw unreadable(e);
    }
  }

  private static IllegalStateException unreadable(ProtocolException e) {
    return new IllegalStateException("unreadable reply from a shared object's owner", e);
  }

  private static String describe(Object value) {
    return value == null ? "null" : "an object of type " + value.getClass().getName();
  }
}
