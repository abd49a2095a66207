package org.multiprocessing4j.spi;

/**
 * Creates {@link Serializer}s. Found with {@link java.util.ServiceLoader}: an implementation lists
 * itself in {@code META-INF/services/org.multiprocessing4j.spi.SerializerProvider}. A worker JVM
 * finds the provider its parent chose by {@link #name()}.
 */
public abstract class SerializerProvider implements NamedProvider {

  /**
   * Returns the provider's unique name, for example {@code "kryo"}.
   *
   * @return the name
   */
  @Override
  public abstract String name();

  /**
   * Returns whether this provider can work in this JVM.
   *
   * @return {@code true} if {@link #create} may be called
   */
  @Override
  public abstract boolean isAvailable();

  /**
   * Returns the provider's priority, from 0 to 10; the available provider with the highest priority
   * is the default.
   *
   * @return the priority
   */
  @Override
  public abstract int priority();

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
