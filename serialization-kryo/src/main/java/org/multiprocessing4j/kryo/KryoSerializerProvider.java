package org.multiprocessing4j.kryo;

import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.SerializerProvider;

/**
 * Provides the Kryo 5 serializer, under the name {@code "kryo"}. It serializes arbitrary object
 * graphs (shared references and cycles included), serializable lambdas and method references, and
 * exceptions with their stack traces, and needs no {@code --add-opens} for the common JDK types.
 *
 * <p>Found through {@link java.util.ServiceLoader}; applications do not use it directly.
 */
public final class KryoSerializerProvider extends SerializerProvider {

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public KryoSerializerProvider() {}

  @Override
  public String name() {
    return "kryo";
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public int priority() {
    return 5;
  }

  @Override
  public Serializer create(ClassLoader classLoader) {
    return new KryoFactory(classLoader, BufferKind.fastestAvailable()).newSerializer();
  }
}
