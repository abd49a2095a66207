package org.multiprocessing4j.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A worker JVM that the pool has started, as a {@link ParentTransport} sees it while connecting.
 * The pool has already written the worker's bootstrap, which includes the transport's connection
 * parameters, to its standard input.
 */
public interface WorkerProcess {

  /**
   * Returns the worker's name, unique in its pool, for example {@code pool-1-worker-2}.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the worker's process id.
   *
   * @return the pid
   */
  long pid();

  /**
   * Returns the worker's standard input. A transport that carries frames elsewhere must leave it
   * open and unused.
   *
   * @return the stream to the worker's stdin
   */
  OutputStream stdin();

  /**
   * Returns the worker's standard output. A transport that carries frames elsewhere must not read
   * it; the pool then forwards it to the worker log.
   *
   * @return the stream from the worker's stdout
   */
  InputStream stdout();

  /**
   * Returns a future that completes when the worker process exits, so that a transport can stop
   * waiting for a connection that will never come.
   *
   * @return a future completed with the exit code
   */
  CompletableFuture<Integer> onExit();
}
