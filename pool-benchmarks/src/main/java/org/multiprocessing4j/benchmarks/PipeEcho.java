package org.multiprocessing4j.benchmarks;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The pipe's ceiling for the 64 MiB figure, without a pool: a child JVM that reads length-prefixed
 * blocks from stdin and writes each back to stdout, with the pipe transport's stream stack (64 KiB
 * buffered streams, 1 MiB write slices). {@link Levers} times the round trip.
 */
public final class PipeEcho {
  private PipeEcho() {}

  public static void main(String[] args) throws IOException {
    boolean bounded = args.length > 0 && args[0].equals("bounded");
    DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(new FileInputStream(FileDescriptor.in), 64 << 10));
    OutputStream out = new FileOutputStream(FileDescriptor.out);
    out.write(1);
    out.flush();
    while (true) {
      int length;
      try {
        length = in.readInt();
      } catch (java.io.EOFException end) {
        return;
      }
      byte[] block = new byte[length];
      readBlock(in, block, bounded);
      out.write(
          new byte[] {
            (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length
          });
      for (int off = 0; off < length; off += 1 << 20) {
        out.write(block, off, Math.min(1 << 20, length - off));
      }
      out.flush();
    }
  }

  /**
   * Reads a whole block: with one {@code readNBytes} call (as the pipe transport does, which lets
   * {@code FileInputStream} allocate a native buffer of the remaining length on every read), or in
   * bounded 64 KiB reads.
   */
  static void readBlock(java.io.InputStream in, byte[] block, boolean bounded) throws IOException {
    if (!bounded) {
      if (in.readNBytes(block, 0, block.length) < block.length) {
        throw new java.io.EOFException();
      }
      return;
    }
    for (int off = 0; off < block.length; ) {
      int n = in.read(block, off, Math.min(64 << 10, block.length - off));
      if (n < 0) {
        throw new java.io.EOFException();
      }
      off += n;
    }
  }
}
