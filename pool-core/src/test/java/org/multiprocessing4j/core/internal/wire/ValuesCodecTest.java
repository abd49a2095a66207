package org.multiprocessing4j.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.spi.Serializer;

class ValuesCodecTest {

  /** Java serialization that counts how often the codec falls back to it. */
  private static final class CountingSerializer implements Serializer {
    final Serializer delegate = new FailureCodecTest.JavaSerializer();
    final AtomicInteger serialized = new AtomicInteger();

    @Override
    public void serialize(Object value, OutputStream out) throws IOException {
      serialized.incrementAndGet();
      delegate.serialize(value, out);
    }

    @Override
    public Object deserialize(byte[] data, int offset, int length) {
      return delegate.deserialize(data, offset, length);
    }

    @Override
    public String fingerprint() {
      return "counting";
    }
  }

  private final CountingSerializer serializer = new CountingSerializer();
  private final ValuesCodec codec = new ValuesCodec(serializer);

  private Object[] roundTrip(Object[] values) throws IOException {
    FrameWriter frame = new FrameWriter(1).writeByte(99);
    codec.write(values, frame);
    byte[] bytes = Arrays.copyOf(frame.array(), frame.size());
    return codec.read(bytes, 1, bytes.length - 1);
  }

  @Test
  void boxedPrimitivesTravelWithoutTheSerializer() throws IOException {
    Object[] ints = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 128};
    Object[] longs = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE};
    Object[] doubles = {0.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, 1.5};
    assertArrayEquals(ints, roundTrip(ints));
    assertArrayEquals(longs, roundTrip(longs));
    Object[] back = roundTrip(doubles);
    for (int i = 0; i < doubles.length; i++) {
      assertEquals(
          Double.doubleToRawLongBits((Double) doubles[i]),
          Double.doubleToRawLongBits((Double) back[i]));
    }
    assertEquals(Integer.class, roundTrip(new Object[] {7})[0].getClass());
    assertEquals(Long.class, roundTrip(new Object[] {7L})[0].getClass());
    assertEquals(0, serializer.serialized.get());
  }

  @Test
  void mixedNullOrOtherValuesGoThroughTheSerializer() throws IOException {
    Object[][] cases = {
      {1, 2L}, {1, null}, {null, 1}, {"a", "b"}, {1.5f}, {}, {(short) 3}, {1, 2, "three"}
    };
    for (Object[] values : cases) {
      assertArrayEquals(values, roundTrip(values), Arrays.toString(values));
    }
    assertEquals(cases.length, serializer.serialized.get());
  }

  @Test
  void aPrimitiveFieldIsSmallerThanTheSerializersArray() throws IOException {
    Object[] items = new Object[1000];
    Arrays.setAll(items, i -> i * 1000);
    FrameWriter frame = new FrameWriter(16);
    codec.write(items, frame);
    assertEquals(1 + 4 + 4 * items.length, frame.size());
  }

  @Test
  void malformedFieldsAreProtocolErrors() {
    byte[][] malformed = {
      {}, // no kind
      {1, 0, 0, 0}, // count cut short
      {1, 0, 0, 0, 2, 0, 0, 0, 1}, // two ints announced, one present
      {1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // negative count
      {9, 0, 0, 0, 0}, // unknown kind
    };
    for (byte[] field : malformed) {
      ProtocolException failure =
          assertThrows(
              ProtocolException.class,
              () -> codec.read(field, 0, field.length),
              Arrays.toString(field));
      assertTrue(failure.getMessage().contains("values field"), failure.getMessage());
    }
  }
}
