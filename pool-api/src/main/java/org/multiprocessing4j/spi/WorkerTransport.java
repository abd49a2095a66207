package org.multiprocessing4j.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The worker JVM's side of a transport. */
public interface WorkerTransport {

  /**
   * Connects this worker to its parent.
   *
   * @param connectionParameters the bytes the parent's {@link ParentTransport#connectionParameters}
   *     returned for this worker
   * @param stdin the worker's standard input, positioned after the bootstrap
   * @param stdout the worker's original standard output; {@code System.out} already points
   *     elsewhere, so only the transport writes here
   * @param settings the pool's transport settings
   * @return the open, not yet started channel; it must close when the parent dies
   * @throws IOException if the connection fails
   */
  FrameChannel connect(
      byte[] connectionParameters,
      InputStream stdin,
      OutputStream stdout,
      TransportSettings settings)
      throws IOException;
}
