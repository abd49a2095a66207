package org.multiprocessing4j.spi;

/**
 * What every pluggable provider says about itself, so that {@link Providers} can choose one: a name
 * to be found by, whether it works here, and a priority among those that do.
 */
public interface NamedProvider {

  /**
   * Returns the provider's unique name among providers of its type, for example {@code "pipe"} or
   * {@code "kryo"}. A worker JVM finds the provider its parent chose by this name.
   *
   * @return the name
   */
  String name();

  /**
   * Returns whether the provider can work in this JVM and on this platform. An unavailable provider
   * is never the default, and choosing it by name fails.
   *
   * @return {@code true} if it may be used
   */
  boolean isAvailable();

  /**
   * Returns the provider's priority, from 0 to 10; the available provider with the highest priority
   * is the default.
   *
   * @return the priority
   */
  int priority();
}
