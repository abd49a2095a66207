package org.multiprocessing4j.kryo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.multiprocessing4j.spi.Serializer;

/** Serializers and round trips for tests. */
final class Serializers {
  private Serializers() {}

  /** A serializer as the pool gets it: through the provider, loading from the test classpath. */
  static Serializer fromProvider() {
    return new KryoSerializerProvider().create(Serializers.class.getClassLoader());
  }

  static Serializer withLoader(ClassLoader loader) {
    return new KryoSerializerProvider().create(loader);
  }

  static byte[] bytes(Serializer serializer, Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      serializer.serialize(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(Serializer serializer, T value) {
    byte[] bytes = bytes(serializer, value);
    return (T) serializer.deserialize(bytes, 0, bytes.length);
  }
}
