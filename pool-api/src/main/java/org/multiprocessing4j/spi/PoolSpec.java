package org.multiprocessing4j.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.multiprocessing4j.SerializableRunnable;
import org.multiprocessing4j.WorkerOutput;

/**
 * A validated pool configuration, as {@link org.multiprocessing4j.Pool.Builder} hands it to the
 * {@link PoolFactory}.
 *
 * @param name the pool's name, used in worker names, thread names and log lines
 * @param processes how many worker JVMs, at least 1
 * @param initializer run once in each new worker before its first task, or {@code null}
 * @param maxTasksPerChild tasks (map chunks count as one) after which a worker is replaced, or 0
 *     for never
 * @param jvmOptions extra options for each worker JVM, after the pool's own
 * @param transport how frames move between parent and workers
 * @param serializer how objects become bytes
 * @param maxFrameSize the largest frame in bytes
 * @param callbackExecutor where callbacks and {@code CompletableFuture} views complete, or {@code
 *     null} for a thread of the pool's own
 * @param workerOutput where worker output lines go, or {@code null} for the log
 * @param classLoader loads the classes named in results
 * @param classpath the workers' classpath as the user set it, or {@code null} for the pool
 *     implementation to derive it from where this JVM's classes come from
 * @param javaExecutable the {@code java} launcher for workers
 * @param startTimeout how long a worker may take to start and connect
 * @param taskTimeout how long a task may run, or {@code null} for no limit
 * @param retries how many times a task is retried when its worker dies
 * @param maxWorkerDeaths unexpected worker deaths tolerated within {@code workerDeathWindow}
 * @param workerDeathWindow the window for {@code maxWorkerDeaths}
 * @param classDataArchiveDirectory where the workers' class-data archives are kept, or {@code null}
 *     for workers without one
 * @param environment variables set in each worker's environment on top of this JVM's
 * @param workingDirectory each worker's working directory, or {@code null} for this JVM's
 * @param inheritSystemProperties whether each worker starts with this JVM's system properties,
 *     except those the JVM itself sets
 */
public record PoolSpec(
    String name,
    int processes,
    SerializableRunnable initializer,
    int maxTasksPerChild,
    List<String> jvmOptions,
    TransportProvider transport,
    SerializerProvider serializer,
    int maxFrameSize,
    Executor callbackExecutor,
    WorkerOutput workerOutput,
    ClassLoader classLoader,
    String classpath,
    Path javaExecutable,
    Duration startTimeout,
    Duration taskTimeout,
    int retries,
    int maxWorkerDeaths,
    Duration workerDeathWindow,
    Path classDataArchiveDirectory,
    Map<String, String> environment,
    Path workingDirectory,
    boolean inheritSystemProperties) {

  /** Copies {@code jvmOptions} and {@code environment} so that the record is immutable. */
  public PoolSpec {
    jvmOptions = List.copyOf(jvmOptions);
    environment = Map.copyOf(environment);
  }

  /**
   * Returns this configuration with the workers' classpath set.
   *
   * @param classpath the workers' classpath
   * @return a copy with {@code classpath}
   */
  public PoolSpec withClasspath(String classpath) {
    return new PoolSpec(
        name,
        processes,
        initializer,
        maxTasksPerChild,
        jvmOptions,
        transport,
        serializer,
        maxFrameSize,
        callbackExecutor,
        workerOutput,
        classLoader,
        classpath,
        javaExecutable,
        startTimeout,
        taskTimeout,
        retries,
        maxWorkerDeaths,
        workerDeathWindow,
        classDataArchiveDirectory,
        environment,
        workingDirectory,
        inheritSystemProperties);
  }
}
