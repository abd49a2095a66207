package org.multiprocessing4j.core.internal.scheduling;

/**
 * What the {@link Scheduler} asks of the pool that owns it; called without the scheduler's lock.
 */
public interface PoolLifecycle {

  /** Starts one new worker in the background; it joins with {@link Scheduler#workerReady}. */
  void spawnWorker();

  /** Every worker has exited after a shutdown or terminate; the pool may release what is left. */
  void allWorkersExited();
}
