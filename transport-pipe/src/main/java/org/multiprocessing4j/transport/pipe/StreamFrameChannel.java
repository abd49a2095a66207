package org.multiprocessing4j.transport.pipe;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.FrameHandler;

/**
 * Frames over a pair of blocking byte streams: a 4-byte big-endian length, then the payload.
 *
 * <p>A thread of its own reads, so a side that writes a lot never deadlocks against a peer that
 * does the same once both OS pipe buffers are full. Writing needs no thread: a sender that finds
 * the channel idle writes its frame itself, then every frame others queued meanwhile, and flushes
 * once when the queue runs empty. An idle channel thus costs no thread hand-off per frame (a
 * wake-up costs tens of microseconds on a small VM), and a busy one batches its flushes.
 */
final class StreamFrameChannel implements FrameChannel {
  /**
   * Large frames go out and come in by slices: a stream copies each call through a native buffer as
   * large as the call, and above 32 MiB the C allocator maps and unmaps a fresh one every time.
   */
  private static final int SLICE = 1 << 20;

  private static final int BUFFER_SIZE = 64 << 10;
  private static final long QUEUED_BYTES_LIMIT = 16L << 20;
  private static final long CLOSE_FLUSH_NANOS = 2_000_000_000L;

  private final InputStream in;
  private final OutputStream out;
  private final int maxFrameSize;
  private final String name;
  private final byte[] header = new byte[4];
  private final byte[] readHeader = new byte[4];

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private final ArrayDeque<Integer> lengths = new ArrayDeque<>();
  private long queuedBytes;
  private boolean writing;
  private boolean closing;
  private IOException writeFailure;

  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closeReported = new AtomicBoolean();
  private volatile FrameHandler handler;

  /**
   * Creates a channel; nothing runs until {@link #start}.
   *
   * @param in where frames arrive
   * @param out where frames go
   * @param maxFrameSize the largest frame either way
   * @param name names the threads and appears in errors
   */
  StreamFrameChannel(InputStream in, OutputStream out, int maxFrameSize, String name) {
    this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, BUFFER_SIZE);
    this.out = new BufferedOutputStream(out, BUFFER_SIZE);
    this.maxFrameSize = maxFrameSize;
    this.name = name;
  }

  @Override
  public void start(FrameHandler handler) {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("channel " + name + " already started");
    }
    this.handler = handler;
    Thread reader = new Thread(this::readLoop, name + "-reader");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public void send(byte[] frame, int length) throws IOException {
    if (length > maxFrameSize) {
      throw new IllegalArgumentException(
          "frame of " + length + " bytes exceeds the maximum frame size of " + maxFrameSize);
    }
    lock.lock();
    try {
      while (!closing && writeFailure == null && writing && queuedBytes > QUEUED_BYTES_LIMIT) {
        changed.awaitUninterruptibly();
      }
      if (writeFailure != null) {
        throw new IOException("channel " + name + " is broken", writeFailure);
      }
      if (closing) {
        throw new IOException("channel " + name + " is closed");
      }
      queue.add(frame);
      lengths.add(length);
      queuedBytes += length;
      if (writing) {
        return;
      }
      writing = true;
    } finally {
      lock.unlock();
    }
    writeQueued();
  }

  /**
   * Closes after the frames queued so far are written, or after {@link #CLOSE_FLUSH_NANOS} if the
   * peer does not read them. A thread blocked writing to a pipe cannot be woken: past the deadline
   * the output closes on a thread of its own once that write returns, which it does when the peer
   * reads or exits.
   */
  @Override
  public void close() {
    boolean writerDone;
    lock.lock();
    try {
      closing = true;
      changed.signalAll();
      long deadline = System.nanoTime() + CLOSE_FLUSH_NANOS;
      while (writing && deadline - System.nanoTime() > 0) {
        changed.awaitNanos(deadline - System.nanoTime());
      }
      writerDone = !writing;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writerDone = false;
    } finally {
      lock.unlock();
    }
    if (writerDone) {
      closeQuietly(out);
    } else {
      Thread closer = new Thread(() -> closeQuietly(out), name + "-closer");
      closer.setDaemon(true);
      closer.start();
    }
    closeQuietly(in);
    reportClose(null);
  }

  /**
   * Writes queued frames until the queue is empty and flushed, then gives up the writer's role.
   * Only the thread holding that role touches {@code out}.
   */
  private void writeQueued() throws IOException {
    boolean flushed = true;
    try {
      while (true) {
        byte[] frame;
        int length = 0;
        lock.lock();
        try {
          frame = queue.poll();
          if (frame != null) {
            length = lengths.poll();
            queuedBytes -= length;
            changed.signalAll();
          } else if (flushed) {
            writing = false;
            changed.signalAll();
            return;
          }
        } finally {
          lock.unlock();
        }
        if (frame == null) {
          out.flush();
          flushed = true;
        } else {
          writeFrame(frame, length);
          flushed = false;
        }
      }
    } catch (IOException e) {
      failWrites(e);
      throw e;
    }
  }

  private void writeFrame(byte[] frame, int length) throws IOException {
    header[0] = (byte) (length >>> 24);
    header[1] = (byte) (length >>> 16);
    header[2] = (byte) (length >>> 8);
    header[3] = (byte) length;
    out.write(header);
    for (int offset = 0; offset < length; offset += SLICE) {
      out.write(frame, offset, Math.min(SLICE, length - offset));
    }
  }

  private void failWrites(IOException failure) {
    lock.lock();
    try {
      writing = false;
      writeFailure = failure;
      queue.clear();
      lengths.clear();
      queuedBytes = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Delivers frames until the stream ends or fails, or the handler throws; then closes the channel,
   * so that the peer sees the end too.
   */
  private void readLoop() {
    Throwable failure = null;
    try {
      while (readFrameAndDeliver()) {
        // Next frame.
      }
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
    }
    reportClose(failure == null || closingLocally() ? null : failure);
    close();
  }

  /** Returns false at an orderly end of stream. */
  private boolean readFrameAndDeliver() throws IOException {
    int read = in.readNBytes(readHeader, 0, 4);
    if (read == 0) {
      return false;
    }
    if (read < 4) {
      throw new EOFException(
          "stream of " + name + " ended inside a frame's length prefix (" + read + " of 4)");
    }
    int length =
        ((readHeader[0] & 0xff) << 24)
            | ((readHeader[1] & 0xff) << 16)
            | ((readHeader[2] & 0xff) << 8)
            | (readHeader[3] & 0xff);
    if (length < 0 || length > maxFrameSize) {
      throw badLength(readHeader, length);
    }
    handler.onFrame(readFrame(length));
    return true;
  }

  private byte[] readFrame(int length) throws IOException {
    byte[] frame = new byte[length];
    int got = 0;
    while (got < length) {
      int want = Math.min(SLICE, length - got);
      int read = in.readNBytes(frame, got, want);
      got += read;
      if (read < want) {
        throw new EOFException(
            "stream of " + name + " ended inside a frame: got " + got + " of " + length + " bytes");
      }
    }
    return frame;
  }

  private ProtocolException badLength(byte[] header, int length) {
    String text = new String(header, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?");
    return new ProtocolException(
        "bad frame length "
            + Integer.toUnsignedString(length)
            + " on "
            + name
            + " (maximum "
            + maxFrameSize
            + "); the bytes \""
            + text
            + "\" look like something wrote to the stream outside the protocol,"
            + " for example native code printing to a worker's stdout");
  }

  private boolean closingLocally() {
    lock.lock();
    try {
      return closing;
    } finally {
      lock.unlock();
    }
  }

  private void reportClose(Throwable cause) {
    if (closeReported.compareAndSet(false, true)) {
      lock.lock();
      try {
        closing = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      FrameHandler current = handler;
      if (current != null) {
        current.onClose(cause);
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing is best effort: the peer may already be gone.
    }
  }
}
