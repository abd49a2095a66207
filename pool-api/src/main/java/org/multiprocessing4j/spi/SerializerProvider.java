package org.multiprocessing4j.spi;

/**
 * Creates {@link Serializer}s. Found with {@link java.util.ServiceLoader}: an implementation lists
 * itself in {@code META-INF/services/org.multiprocessing4j.spi.SerializerProvider}. A worker JVM
 * finds the provider its parent chose by {@link #name()}.
 */
public abstract class SerializerProvider implements NamedProvider {

  /**
   * Creates a serializer that loads classes through {@code classLoader}.
   *
   * @param classLoader the loader for the classes named in serialized data
   * @return a new serializer
   */
  public abstract Serializer create(ClassLoader classLoader);

  @Override
  public String toString() {
    return getClass().getName() + "[" + name() + ", priority " + priority() + "]";
  }
}
