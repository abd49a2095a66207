package org.multiprocessing4j.core.contract.plainsocket;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.FrameHandler;

/**
 * Length-prefixed frames on a blocking socket: one reader thread, writes under a lock. The simplest
 * channel that keeps the contract; it does not batch flushes.
 */
final class SocketFrameChannel implements FrameChannel {
  private static final long CLOSE_FLUSH_MILLIS = 2_000;

  private final Socket socket;
  private final int maxFrameSize;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final ReentrantLock writing = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile FrameHandler handler;

  SocketFrameChannel(Socket socket, int maxFrameSize) throws IOException {
    this.socket = socket;
    this.maxFrameSize = maxFrameSize;
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 << 10));
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 << 10));
  }

  @Override
  public void start(FrameHandler handler) {
    this.handler = handler;
    Thread reader = new Thread(this::readLoop, "plain-socket-reader");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public void send(byte[] frame, int length) throws IOException {
    if (length > maxFrameSize) {
      throw new IllegalArgumentException(
          "frame of " + length + " bytes exceeds the maximum frame size of " + maxFrameSize);
    }
    writing.lock();
    try {
      out.writeInt(length);
      out.write(frame, 0, length);
      out.flush();
    } finally {
      writing.unlock();
    }
  }

  @Override
  public void close() {
    finish(null);
  }

  private void readLoop() {
    try {
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException endOfStream) {
          finish(null);
          return;
        }
        if (length < 0 || length > maxFrameSize) {
          throw new ProtocolException("bad frame length " + length);
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        handler.onFrame(frame);
      }
    } catch (IOException | RuntimeException | Error e) {
      finish(closed.get() ? null : e);
    }
  }

  /**
   * Flushes what is buffered, unless a sender has been blocked for a while by a peer that reads
   * nothing: then closing the socket is what releases that sender, with an IOException.
   */
  private void flushUnlessStuck() {
    try {
      if (writing.tryLock(CLOSE_FLUSH_MILLIS, TimeUnit.MILLISECONDS)) {
        try {
          out.flush();
        } finally {
          writing.unlock();
        }
      }
    } catch (IOException ignored) {
      // The peer may be gone already.
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void finish(Throwable cause) {
    if (closed.compareAndSet(false, true)) {
      flushUnlessStuck();
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing is best effort.
      }
      FrameHandler current = handler;
      if (current != null) {
        current.onClose(cause);
      }
    }
  }
}
