package org.multiprocessing4j.core.internal.worker;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.multiprocessing4j.core.internal.wire.CallsFrame;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.spi.FrameChannel;

/**
 * What a child sends its parent, in order. One-way calls on shared objects (a put on an unbounded
 * queue, a pipe send) are gathered into one {@link CallsFrame}: a child putting in a loop then
 * costs itself one write, and the parent one read, per batch instead of per item, as Python's queue
 * feeder thread batches its pipe writes. A thread of the outbox's own sends a batch as soon as it
 * wakes, and every other frame sends the pending batch first, so nothing overtakes what was put
 * before it: a task's result arrives after its puts.
 */
public final class Outbox {
  /** A producer that fills a batch this large sends it itself, which also throttles it. */
  private static final int BATCH_LIMIT = 64 << 10;

  private static final int LARGE_CALL = 16 << 10;

  private final FrameChannel channel;
  private final ReentrantLock sendOrder = new ReentrantLock();
  private final Object batchLock = new Object();
  private final Thread flusher;
  private FrameWriter batch;
  private volatile boolean closed;

  Outbox(FrameChannel channel) {
    this.channel = channel;
    this.flusher = new Thread(this::flushWhenWoken, "multiprocessing4j-outbox");
    flusher.setDaemon(true);
    flusher.start();
  }

  /** Sends {@code frame} after the one-way calls gathered so far. */
  void send(FrameWriter frame) throws IOException {
    sendOrder.lock();
    try {
      sendBatch();
      channel.send(frame.array(), frame.size());
    } finally {
      sendOrder.unlock();
    }
  }

  /** Gathers a one-way call; it is sent soon, and before any frame sent after it. */
  void sendLater(FrameWriter call) throws IOException {
    if (call.size() >= LARGE_CALL) {
      // Copying it into a batch would cost more than the frame it saves.
      send(call);
      return;
    }
    boolean first;
    boolean full;
    synchronized (batchLock) {
      first = batch == null;
      if (first) {
        batch = CallsFrame.start(call.size());
      }
      CallsFrame.append(batch, call);
      full = batch.size() >= BATCH_LIMIT;
    }
    if (full) {
      flush();
    } else if (first) {
      LockSupport.unpark(flusher);
    }
  }

  /** Sends the gathered calls, then closes the channel. */
  void close() {
    closed = true;
    try {
      flush();
    } catch (IOException gone) {
      // The channel is broken: what was gathered cannot be sent any more.
    }
    LockSupport.unpark(flusher);
    channel.close();
  }

  private void flush() throws IOException {
    sendOrder.lock();
    try {
      sendBatch();
    } finally {
      sendOrder.unlock();
    }
  }

  /** Sends the batch gathered so far, if any; the caller holds {@code sendOrder}. */
  private void sendBatch() throws IOException {
    FrameWriter taken;
    synchronized (batchLock) {
      taken = batch;
      batch = null;
    }
    if (taken != null) {
      channel.send(taken.array(), taken.size());
    }
  }

  private void flushWhenWoken() {
    while (!closed) {
      LockSupport.park(this);
      try {
        flush();
      } catch (IOException gone) {
        // The channel is broken, so the worker exits as soon as it closes; nothing to do here.
        return;
      }
    }
  }
}
