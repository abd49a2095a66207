package org.multiprocessing4j.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.util.Arrays;
import org.multiprocessing4j.spi.Serializer;

/**
 * Serialized objects in call and reply frames, the one way every proxy and object writes them: a
 * length, then the serializer's bytes, so that the host can keep the bytes as they came without
 * decoding them (a queue item, a map value), and hand them back as they are.
 */
final class Encoded {
  private Encoded() {}

  /**
   * Appends {@code value}'s length and encoding to {@code frame}.
   *
   * @throws org.multiprocessing4j.SerializationException if {@code value} cannot be serialized
   */
  static FrameWriter write(Serializer serializer, Object value, FrameWriter frame) {
    int lengthAt = frame.reserve(4);
    try {
      serializer.serialize(value, frame);
    } catch (IOException impossible) {
      // A FrameWriter grows in memory and never fails.
      throw new UncheckedIOException(impossible);
    }
    int length = frame.size() - lengthAt - 4;
    byte[] bytes = frame.array();
    bytes[lengthAt] = (byte) (length >>> 24);
    bytes[lengthAt + 1] = (byte) (length >>> 16);
    bytes[lengthAt + 2] = (byte) (length >>> 8);
    bytes[lengthAt + 3] = (byte) length;
    return frame;
  }

  /** The encoding of {@code value} alone, as {@link #write} would append it without its length. */
  static byte[] bytes(Serializer serializer, Object value) {
    FrameWriter frame = write(serializer, value, new FrameWriter(64));
    return Arrays.copyOfRange(frame.array(), 4, frame.size());
  }

  /** Reads one object written by {@link #write}. */
  static Object read(Serializer serializer, FrameReader reader) throws ProtocolException {
    int length = reader.readInt();
    int start = reader.position();
    reader.skip(length);
    return serializer.deserialize(reader.frame(), start, length);
  }

  /**
   * Reads how many items follow, each at least a 4-byte length: more than the frame can hold is a
   * garbled frame, refused before anything is allocated for it.
   */
  static int readCount(FrameReader reader) throws ProtocolException {
    int count = reader.readInt();
    if (count < 0 || count > reader.remaining() / 4) {
      throw new ProtocolException(
          "a count of " + count + " items with " + reader.remaining() + " bytes left");
    }
    return count;
  }
}
