package org.multiprocessing4j.core.internal.supervision;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.spi.FrameChannel;

/**
 * Writes frames to one worker without ever making another worker's reader wait for it.
 *
 * <p>A frame is written on the calling thread, as the transport does it, except when the caller is
 * the thread reading another worker's frames: a result from worker A often triggers a task for
 * worker B, and if B's channel is full (B is paused, or slow to read) A's reader must not block on
 * it, or A's results stop, and, with both directions full, the two wedge each other. Such frames,
 * and every frame after them until the queue drains, are written by a sender thread, in order. A
 * frame that cannot be written there is handed back: its task goes to another worker.
 */
final class WorkerSender {
  /** The worker whose frames the current thread is reading, if it is a reader thread. */
  private static final ThreadLocal<Object> READING = new ThreadLocal<>();

  private record Outgoing(byte[] frame, int length, Task task) {}

  private final Object owner;
  private final FrameChannel channel;
  private final Executor executor;
  private final Consumer<Task> unsent;
  private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
  private boolean draining;
  private IOException broken;

  /**
   * @param owner the worker this sender writes to, as marked by {@link #reading}
   * @param executor runs the sender thread's drains
   * @param unsent receives the task of a queued frame that could not be written
   */
  WorkerSender(Object owner, FrameChannel channel, Executor executor, Consumer<Task> unsent) {
    this.owner = owner;
    this.channel = channel;
    this.executor = executor;
    this.unsent = unsent;
  }

  /** Marks the current thread as the reader of {@code worker} while {@code body} runs. */
  static void reading(Object worker, Runnable body) {
    READING.set(worker);
    try {
      body.run();
    } finally {
      READING.remove();
    }
  }

  /**
   * Writes a frame, or queues it for the sender thread.
   *
   * @param task the task the frame carries, or {@code null}
   * @throws IOException if the channel already failed
   */
  void send(byte[] frame, int length, Task task) throws IOException {
    Object reader = READING.get();
    synchronized (queue) {
      if (broken != null) {
        throw broken;
      }
      if (draining || (reader != null && reader != owner)) {
        queue.add(new Outgoing(frame, length, task));
        if (!draining) {
          draining = true;
          executor.execute(this::drain);
        }
        return;
      }
    }
    channel.send(frame, length);
  }

  private void drain() {
    while (true) {
      Outgoing next;
      synchronized (queue) {
        next = queue.poll();
        if (next == null) {
          draining = false;
          return;
        }
      }
      try {
        channel.send(next.frame, next.length);
      } catch (IOException gone) {
        List<Outgoing> lost = new ArrayList<>();
        lost.add(next);
        synchronized (queue) {
          broken = gone;
          lost.addAll(queue);
          queue.clear();
          draining = false;
        }
        for (Outgoing frame : lost) {
          if (frame.task != null) {
            unsent.accept(frame.task);
          }
        }
        return;
      }
    }
  }
}
