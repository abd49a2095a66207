package org.multiprocessing4j.benchmarks.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An input stream fed in batches by the benchmark thread: a transport's reader thread blocks in it
 * until the next batch arrives, as it would on an idle pipe. Closing it ends the stream.
 */
final class BlockingInput extends InputStream {
  private static final byte[] END = new byte[0];

  private final LinkedBlockingQueue<byte[]> batches = new LinkedBlockingQueue<>();
  private byte[] current = new byte[0];
  private int position;

  void feed(byte[] batch) {
    batches.add(batch);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (position == current.length) {
      if (current == END) {
        return -1;
      }
      try {
        current = batches.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException();
      }
      position = 0;
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return current.length - position;
  }

  @Override
  public void close() {
    batches.add(END);
  }
}
