package org.multiprocessing4j.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.kryo.KryoSerializerProvider;
import org.multiprocessing4j.spi.Serializer;

class EncodedTest {
  private static final Serializer SERIALIZER =
      new KryoSerializerProvider().create(EncodedTest.class.getClassLoader());

  @Test
  void numbersAndStringsRoundTripWithoutTheSerializer() {
    Serializer untouched = mock(Serializer.class);
    for (Object value : List.of(-7, Long.MIN_VALUE, 2.5, Double.NaN, "", "héllo ✓")) {
      byte[] bytes = Encoded.bytes(untouched, value);
      assertEquals(value, Encoded.decode(untouched, bytes));
    }
    verifyNoInteractions(untouched);
  }

  @Test
  void otherValuesGoThroughTheSerializer() {
    List<String> value = List.of("a", "b");
    assertEquals(value, Encoded.decode(SERIALIZER, Encoded.bytes(SERIALIZER, value)));
  }

  @Test
  void equalValuesHaveEqualEncodings() {
    assertArrayEquals(Encoded.bytes(SERIALIZER, 42), Encoded.bytes(SERIALIZER, 42));
    assertArrayEquals(
        Encoded.bytes(SERIALIZER, "x"), Encoded.bytes(SERIALIZER, new String("x".toCharArray())));
  }

  @Test
  void theSerializerFormIsWhatTheSerializerWritesForEveryValue() throws Exception {
    for (Object value : List.of(7, "text", List.of(1))) {
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      SERIALIZER.serialize(value, expected);
      assertArrayEquals(
          expected.toByteArray(),
          Encoded.serializerForm(SERIALIZER, Encoded.bytes(SERIALIZER, value)));
    }
  }

  @Test
  void anUnknownTagOrATruncatedNumberIsASerializationFailure() {
    assertThrows(SerializationException.class, () -> Encoded.decode(SERIALIZER, new byte[] {99}));
    assertThrows(
        SerializationException.class, () -> Encoded.decode(SERIALIZER, new byte[] {1, 0, 0}));
  }
}
