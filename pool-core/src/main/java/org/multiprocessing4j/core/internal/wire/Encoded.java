package org.multiprocessing4j.core.internal.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.spi.Serializer;

/**
 * Serialized objects in call and reply frames, the one way every proxy and object writes them: a
 * length, then the encoding, so that the host can keep the bytes as they came without decoding them
 * (a queue item, a map value), and hand them back as they are.
 *
 * <p>An encoding starts with a tag. {@code Integer}, {@code Long}, {@code Double} and {@code
 * String}, the usual small messages, are written directly after theirs; anything else after {@link
 * #SERIALIZED} by the serializer. A child that puts numbers in a loop thus runs a few bytecodes per
 * item instead of a serializer's whole path, which matters most in a fresh JVM, before the JIT has
 * compiled that path. Equal values have equal encodings, as shared maps and lists assume.
 */
public final class Encoded {
  private static final int SERIALIZED = 0;
  private static final int INT = 1;
  private static final int LONG = 2;
  private static final int DOUBLE = 3;
  private static final int STRING = 4;

  private Encoded() {}

  /**
   * Appends {@code value}'s length and encoding to {@code frame}.
   *
   * @throws org.multiprocessing4j.SerializationException if {@code value} cannot be serialized
   */
  public static FrameWriter write(Serializer serializer, Object value, FrameWriter frame) {
    int lengthAt = frame.reserve(4);
    if (value instanceof Integer number) {
      frame.writeByte(INT).writeInt(number);
    } else if (value instanceof Long number) {
      frame.writeByte(LONG).writeLong(number);
    } else if (value instanceof Double number) {
      frame.writeByte(DOUBLE).writeLong(Double.doubleToRawLongBits(number));
    } else if (value instanceof String text) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      frame.writeByte(STRING).write(utf8, 0, utf8.length);
    } else {
      frame.writeByte(SERIALIZED);
      try {
        serializer.serialize(value, frame);
      } catch (IOException impossible) {
        // A FrameWriter grows in memory and never fails.
        throw new UncheckedIOException(impossible);
      }
    }
    frame.patchInt(lengthAt, frame.size() - lengthAt - 4);
    return frame;
  }

  /** The encoding of {@code value} alone, as {@link #write} would append it without its length. */
  public static byte[] bytes(Serializer serializer, Object value) {
    FrameWriter frame = write(serializer, value, new FrameWriter(64));
    return Arrays.copyOfRange(frame.array(), 4, frame.size());
  }

  /** Reads one object written by {@link #write}. */
  public static Object read(Serializer serializer, FrameReader reader) throws ProtocolException {
    int length = reader.readInt();
    int start = reader.position();
    reader.skip(length);
    return decode(serializer, reader.frame(), start, length);
  }

  /**
   * Decodes an encoding (what {@link #write} appends after the length).
   *
   * @throws org.multiprocessing4j.SerializationException if it cannot be decoded here
   */
  public static Object decode(Serializer serializer, byte[] bytes, int offset, int length) {
    FrameReader reader = new FrameReader(bytes, offset, length);
    try {
      return switch (reader.readByte()) {
        case INT -> reader.readInt();
        case LONG -> reader.readLong();
        case DOUBLE -> Double.longBitsToDouble(reader.readLong());
        case STRING -> new String(bytes, offset + 1, length - 1, StandardCharsets.UTF_8);
        case SERIALIZED -> serializer.deserialize(bytes, offset + 1, length - 1);
        default ->
            throw new SerializationException("unknown value tag " + (bytes[offset] & 0xff), null);
      };
    } catch (ProtocolException truncated) {
      throw new SerializationException("truncated value: " + truncated.getMessage(), truncated);
    }
  }

  /** Decodes an encoding made by {@link #bytes}. */
  public static Object decode(Serializer serializer, byte[] bytes) {
    return decode(serializer, bytes, 0, bytes.length);
  }

  /**
   * The serializer's own bytes for an encoded value, as {@code Connection.recvBytes} promises for a
   * message sent with {@code send}.
   */
  public static byte[] serializerForm(Serializer serializer, byte[] bytes) {
    if (bytes.length > 0 && bytes[0] == SERIALIZED) {
      return Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8);
    try {
      serializer.serialize(decode(serializer, bytes), out);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return out.toByteArray();
  }

  /**
   * Reads how many items follow, each at least a 4-byte length: more than the frame can hold is a
   * garbled frame, refused before anything is allocated for it.
   */
  public static int readCount(FrameReader reader) throws ProtocolException {
    int count = reader.readInt();
    if (count < 0 || count > reader.remaining() / 4) {
      throw new ProtocolException(
          "a count of " + count + " items with " + reader.remaining() + " bytes left");
    }
    return count;
  }
}
