package org.multiprocessing4j.spi;

import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.SerializableRunnable;

/**
 * Creates pools, processes and managers; implemented by {@code org.multiprocessing4j:pool-core} and
 * found with {@link java.util.ServiceLoader}.
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

  /**
   * Starts a child JVM that runs {@code process} once and exits: what {@link
   * org.multiprocessing4j.Process#start()} calls. Returns once the child JVM exists; does not wait
   * for it to connect.
   *
   * @param spec the child's configuration, as for a pool of one worker whose name is the process's
   * @param process what the child runs
   * @param daemon {@code false} to keep this JVM from exiting before the child has
   * @return the running child
   * @throws org.multiprocessing4j.SerializationException if {@code process} cannot be serialized;
   *     nothing is started
   * @throws java.io.UncheckedIOException if the child JVM cannot be started
   * @throws UnsupportedOperationException if this implementation cannot start processes
   */
  default RunningProcess startProcess(PoolSpec spec, SerializableRunnable process, boolean daemon) {
    throw new UnsupportedOperationException(name() + " cannot start processes");
  }

  /**
   * Starts a manager: what {@link Manager#start()} calls.
   *
   * @param serializer serializes what crosses processes
   * @param classLoader loads the classes of what is deserialized in this JVM
   * @return the running manager
   * @throws UnsupportedOperationException if this implementation has no managers
   */
  default Manager startManager(SerializerProvider serializer, ClassLoader classLoader) {
    throw new UnsupportedOperationException(name() + " has no managers");
  }
}
