package org.multiprocessing4j.kryo;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes Kryo's buffer flushes to the caller's stream without flushing that stream: Kryo flushes
 * its output whenever the buffer fills and once per object graph, and flushing a pipe or socket
 * that often would defeat the transport's own batching. It also remembers whether the caller's
 * stream failed, so that an {@link IOException} can be told apart from a serialization failure.
 */
final class NonFlushingStream extends OutputStream {
  private OutputStream destination;
  private IOException failure;

  void attach(OutputStream destination) {
    this.destination = destination;
    this.failure = null;
  }

  void detach() {
    destination = null;
  }

  /** Returns the exception the caller's stream threw during the current write, if any. */
  IOException failure() {
    return failure;
  }

  @Override
  public void write(int b) throws IOException {
    try {
      destination.write(b);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    try {
      destination.write(bytes, offset, length);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public void flush() {
    // Deliberately empty: see the class comment.
  }
}
