package org.multiprocessing4j.spi;

import org.multiprocessing4j.Pool;

/**
 * Creates pools; implemented by {@code org.multiprocessing4j:pool-core} and found with {@link
 * java.util.ServiceLoader}.
 */
public interface PoolFactory extends NamedProvider {

  /**
   * Creates and starts a pool. Worker JVMs start in the background; the call does not wait for
   * them.
   *
   * @param spec the validated configuration
   * @return the running pool
   */
  Pool create(PoolSpec spec);
}
