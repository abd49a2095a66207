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
