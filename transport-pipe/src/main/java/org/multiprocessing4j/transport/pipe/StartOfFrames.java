package org.multiprocessing4j.transport.pipe;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The marker a worker writes on stdout before its first frame, and the stream that skips whatever
 * came before it. A JVM and its agents may print to stdout while they start, before the worker's
 * main class takes stdout over: {@code -XX:StartFlightRecording} announces its recording there,
 * {@code -verbose:gc} or a Java agent's {@code premain} may too. Those bytes are not frames; the
 * parent skips them and logs them, rather than reading them as a frame's length.
 */
final class StartOfFrames {
  /** One NUL, then text: a NUL never occurs again in it, so a failed match restarts simply. */
  private static final byte[] MARKER =
      "\0multiprocessing4j frames follow\n".getBytes(StandardCharsets.US_ASCII);

  /** How much of the skipped output is kept for the log. */
  private static final int KEPT = 4 << 10;

  private StartOfFrames() {}

  /** Written by the worker, first thing, once stdout is its own. */
  static void announce(OutputStream out) throws IOException {
    out.write(MARKER);
    out.flush();
  }

  /**
   * The worker's stdout from its first frame on. The skipping happens on the first read, on the
   * channel's reading thread.
   */
  static InputStream skipToFrames(InputStream in, String worker) {
    return new FilterInputStream(in) {
      private boolean found;

      @Override
      public int read() throws IOException {
        skip();
        return super.read();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        skip();
        return super.read(buffer, offset, length);
      }

      private void skip() throws IOException {
        if (!found) {
          skipPast(in, worker);
          found = true;
        }
      }
    };
  }

  private static void skipPast(InputStream in, String worker) throws IOException {
    StringBuilder skipped = new StringBuilder();
    long count = 0;
    int matched = 0;
    while (matched < MARKER.length) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(
            "worker "
                + worker
                + " closed its stdout before its first frame"
                + (count == 0 ? "" : "; it wrote: " + skipped));
      }
      if (b == (MARKER[matched] & 0xff)) {
        matched++;
        continue;
      }
      // Not the marker after all: what looked like its start was output.
      for (int i = 0; i < matched; i++) {
        keep(skipped, MARKER[i]);
      }
      count += matched;
      if (b == MARKER[0]) {
        matched = 1;
      } else {
        keep(skipped, b);
        count++;
        matched = 0;
      }
    }
    if (count > 0) {
      // Looked up only here: a worker loads this class too, and finding the platform's logger
      // costs a JVM about 100 ms of start-up.
      System.getLogger(StartOfFrames.class.getName())
          .log(
              System.Logger.Level.INFO,
              "Worker {0} wrote {1} bytes to stdout while it started, before its first frame; they"
                  + " were skipped: {2}",
              worker,
              count,
              skipped.toString().strip());
    }
  }

  private static void keep(StringBuilder skipped, int b) {
    if (skipped.length() < KEPT) {
      skipped.append((char) (b & 0xff));
    }
  }
}
