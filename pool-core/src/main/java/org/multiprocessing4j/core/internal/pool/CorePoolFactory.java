package org.multiprocessing4j.core.internal.pool;

import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.SerializableRunnable;
import org.multiprocessing4j.core.internal.launch.WorkerClasspath;
import org.multiprocessing4j.core.internal.shared.CoreManager;
import org.multiprocessing4j.spi.PoolFactory;
import org.multiprocessing4j.spi.PoolSpec;
import org.multiprocessing4j.spi.RunningProcess;
import org.multiprocessing4j.spi.SerializerProvider;

/**
 * Creates {@link ProcessPool}s, {@link ChildProcess}es and {@link CoreManager}s; found by {@link
 * Pool#builder()} through {@link java.util.ServiceLoader}. Public only because the service loader
 * needs it; not API.
 */
public final class CorePoolFactory implements PoolFactory {

  /** Creates the factory; called by {@link java.util.ServiceLoader}. */
  public CorePoolFactory() {}

  @Override
  public String name() {
    return "process";
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
  public Manager startManager(SerializerProvider serializer, ClassLoader classLoader) {
    return new CoreManager(serializer.create(classLoader), classLoader);
  }

  @Override
  public Pool create(PoolSpec spec) {
    return ProcessPool.start(
        spec.withClasspath(WorkerClasspath.resolve(spec, "Pool.builder().classpath")));
  }

  @Override
  public RunningProcess startProcess(PoolSpec spec, SerializableRunnable process, boolean daemon) {
    return ChildProcess.start(
        spec.withClasspath(WorkerClasspath.resolve(spec, "Process.classpath", process)),
        process,
        daemon);
  }
}
