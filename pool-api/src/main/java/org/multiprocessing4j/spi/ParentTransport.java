package org.multiprocessing4j.spi;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The parent JVM's side of a transport; one per pool. */
public interface ParentTransport extends Closeable {

  /**
   * Returns what the named worker needs to reach this transport (an address, a secret, or nothing).
   * The pool hands these bytes to the worker on its standard input, never on its command line or in
   * its environment, and the worker passes them to {@link WorkerTransport#connect}.
   *
   * @param workerName the name of the worker about to start
   * @return the connection parameters, possibly empty
   * @throws IOException if the transport cannot prepare for the worker
   */
  byte[] connectionParameters(String workerName) throws IOException;

  /**
   * Opens the frame channel to a worker that has just started. Blocks until the worker is
   * connected.
   *
   * @param worker the started worker
   * @param timeout how long to wait at most
   * @return the open, not yet started channel
   * @throws IOException if the connection fails, or the worker exits before it connects
   * @throws TimeoutException if the worker does not connect within {@code timeout}
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  FrameChannel connect(WorkerProcess worker, Duration timeout)
      throws IOException, TimeoutException, InterruptedException;

  /**
   * Returns whether this transport's channels read the workers' standard output. If not, the pool
   * forwards that output to the worker log, so that a worker never blocks on a full stdout pipe.
   *
   * @return {@code true} if frames travel on the workers' stdout
   */
  default boolean readsWorkerStdout() {
    return false;
  }

  /** Releases the transport's resources (listeners, threads, files). Open channels are closed. */
  @Override
  void close();
}
