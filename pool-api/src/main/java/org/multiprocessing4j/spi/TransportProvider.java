package org.multiprocessing4j.spi;

import java.io.IOException;

/**
 * Creates both sides of a transport, the way frames move between the parent and its workers. Found
 * with {@link java.util.ServiceLoader}: an implementation lists itself in {@code
 * META-INF/services/org.multiprocessing4j.spi.TransportProvider}. A worker JVM finds the provider
 * its parent chose by {@link #name()}, so the provider must be on the workers' classpath too.
 */
public abstract class TransportProvider implements NamedProvider {

  /**
   * Returns the provider's unique name, for example {@code "pipe"}.
   *
   * @return the name
   */
  @Override
  public abstract String name();

  /**
   * Returns whether this transport can work in this JVM and on this platform.
   *
   * @return {@code true} if the transport may be used
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
   * Creates the parent's side for one pool.
   *
   * @param settings the pool's transport settings
   * @return a new parent transport
   * @throws IOException if the transport cannot start, for example cannot bind a listener
   */
  public abstract ParentTransport createParentTransport(TransportSettings settings)
      throws IOException;

  /**
   * Creates a worker's side.
   *
   * @return a new worker transport
   */
  public abstract WorkerTransport createWorkerTransport();

  @Override
  public String toString() {
    return getClass().getName() + "[" + name() + ", priority " + priority() + "]";
  }
}
