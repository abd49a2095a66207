package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.SerializerFactory;
import java.util.function.Supplier;

/**
 * Applies a serializer to JDK classes only, leaving application classes of the same supertype to
 * Kryo's usual choice.
 */
final class JdkOnlySerializerFactory implements SerializerFactory<Serializer<?>> {
  private final Supplier<Serializer<?>> serializer;

  JdkOnlySerializerFactory(Supplier<Serializer<?>> serializer) {
    this.serializer = serializer;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Serializer<?> newSerializer(Kryo kryo, Class type) {
    return serializer.get();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public boolean isSupported(Class type) {
    return JdkClasses.isJdk(type);
  }
}
