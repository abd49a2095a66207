package org.multiprocessing4j.core.internal.wire;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.ProtocolException;
import java.nio.ByteOrder;
import org.multiprocessing4j.spi.Serializer;

/**
 * Encodes the items of a task and the values of a result. Arrays of one boxed primitive type (what
 * {@code map} over numbers sends and returns) travel as raw big-endian numbers: the serializer
 * would spend 15–30 ns per item on class tags and varints, this costs about one. Anything else goes
 * through the serializer as an {@code Object[]}.
 *
 * <p>Layout: a kind byte; for the primitive kinds the count, then the numbers; for {@link #OBJECTS}
 * the serialized array up to the end of the field.
 */
public final class ValuesCodec {
  private static final int OBJECTS = 0;
  private static final int INTS = 1;
  private static final int LONGS = 2;
  private static final int DOUBLES = 3;

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final Serializer serializer;

  public ValuesCodec(Serializer serializer) {
    this.serializer = serializer;
  }

  /**
   * Appends {@code values} to {@code frame}.
   *
   * @throws IOException or a runtime exception from the serializer, for values it cannot write
   */
  public void write(Object[] values, FrameWriter frame) throws IOException {
    int kind = kindOf(values);
    frame.writeByte(kind);
    switch (kind) {
      case INTS -> writeInts(values, frame);
      case LONGS -> writeLongs(values, frame, false);
      case DOUBLES -> writeLongs(values, frame, true);
      default -> serializer.serialize(values, frame);
    }
  }

  /**
   * Reads the values {@link #write} wrote in {@code length} bytes at {@code offset}.
   *
   * @throws ProtocolException if the field is malformed
   * @throws org.multiprocessing4j.SerializationException if the serializer cannot read it
   */
  public Object[] read(byte[] frame, int offset, int length) throws ProtocolException {
    if (length < 1) {
      throw new ProtocolException("empty values field at offset " + offset);
    }
    int kind = frame[offset];
    if (kind == OBJECTS) {
      return (Object[]) serializer.deserialize(frame, offset + 1, length - 1);
    }
    int width = kind == INTS ? 4 : 8;
    if (kind != INTS && kind != LONGS && kind != DOUBLES
        || length < 5
        || (long) (int) INT.get(frame, offset + 1) * width != length - 5) {
      throw new ProtocolException(
          "malformed values field (kind " + kind + ", " + length + " bytes) at offset " + offset);
    }
    Object[] values = new Object[(length - 5) / width];
    int position = offset + 5;
    for (int i = 0; i < values.length; i++, position += width) {
      values[i] =
          switch (kind) {
            case INTS -> (Integer) (int) INT.get(frame, position);
            case LONGS -> (Long) (long) LONG.get(frame, position);
            default -> (Double) Double.longBitsToDouble((long) LONG.get(frame, position));
          };
    }
    return values;
  }

  private static void writeInts(Object[] values, FrameWriter frame) {
    int position = frame.reserve(4 + 4 * values.length);
    byte[] bytes = frame.array();
    INT.set(bytes, position, values.length);
    position += 4;
    for (Object value : values) {
      INT.set(bytes, position, (int) (Integer) value);
      position += 4;
    }
  }

  private static void writeLongs(Object[] values, FrameWriter frame, boolean doubles) {
    int position = frame.reserve(4 + 8 * values.length);
    byte[] bytes = frame.array();
    INT.set(bytes, position, values.length);
    position += 4;
    for (Object value : values) {
      long bits = doubles ? Double.doubleToRawLongBits((Double) value) : (Long) value;
      LONG.set(bytes, position, bits);
      position += 8;
    }
  }

  private static int kindOf(Object[] values) {
    if (values.length == 0 || values[0] == null) {
      return OBJECTS;
    }
    Class<?> type = values[0].getClass();
    int kind =
        type == Integer.class
            ? INTS
            : type == Long.class ? LONGS : type == Double.class ? DOUBLES : OBJECTS;
    if (kind == OBJECTS) {
      return OBJECTS;
    }
    for (Object value : values) {
      if (value == null || value.getClass() != type) {
        return OBJECTS;
      }
    }
    return kind;
  }
}
