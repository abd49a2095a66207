package org.multiprocessing4j.core.internal.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskListener;
import org.multiprocessing4j.core.internal.scheduling.TaskPolicy;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.FrameHandler;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkerSenderTest {
  private final ExecutorService senders = Executors.newCachedThreadPool();
  private final Object workerA = new Object();
  private final Object workerB = new Object();

  @AfterEach
  void stopSenders() {
    senders.shutdownNow();
  }

  /** A channel whose writes wait until it is opened, as a full pipe to a paused worker does. */
  private static final class StuckChannel implements FrameChannel {
    final CountDownLatch open = new CountDownLatch(1);
    final List<Byte> written = new CopyOnWriteArrayList<>();
    volatile IOException failure;

    @Override
    public void start(FrameHandler handler) {}

    @Override
    public void send(byte[] frame, int length) throws IOException {
      try {
        open.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      if (failure != null) {
        throw failure;
      }
      written.add(frame[0]);
    }

    @Override
    public void close() {}
  }

  private static Task task(byte id) {
    return new Task(
        id, new byte[] {id}, 1, 0, 1, mock(TaskListener.class), new TaskPolicy(null, 0));
  }

  @Test
  void anotherWorkersReaderNeverWaitsForAFullChannelAndFramesKeepTheirOrder() throws Exception {
    StuckChannel toB = new StuckChannel();
    WorkerSender sender = new WorkerSender(workerB, toB, senders, task -> {});
    AtomicBoolean returned = new AtomicBoolean();
    Thread readerOfA =
        new Thread(
            () ->
                WorkerSender.reading(
                    workerA,
                    () -> {
                      try {
                        sender.send(new byte[] {1}, 1, null);
                        sender.send(new byte[] {2}, 1, null);
                        returned.set(true);
                      } catch (IOException e) {
                        throw new AssertionError(e);
                      }
                    }));
    readerOfA.start();
    readerOfA.join(10_000);
    assertTrue(returned.get(), "the reader of worker A returned while B's channel was full");
    // A user thread's frame comes after the queued ones, not before them.
    Thread user =
        new Thread(
            () -> {
              try {
                sender.send(new byte[] {3}, 1, null);
              } catch (IOException e) {
                throw new AssertionError(e);
              }
            });
    user.start();
    toB.open.countDown();
    user.join(10_000);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (toB.written.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), new ArrayList<>(toB.written));
  }

  @Test
  void aQueuedTaskThatCannotBeWrittenIsHandedBackAndLaterSendsFail() throws Exception {
    StuckChannel toB = new StuckChannel();
    List<Task> handedBack = new CopyOnWriteArrayList<>();
    WorkerSender sender = new WorkerSender(workerB, toB, senders, handedBack::add);
    Task first = task((byte) 7);
    Task second = task((byte) 8);
    WorkerSender.reading(
        workerA,
        () -> {
          try {
            sender.send(first.frame, 1, first);
            sender.send(new byte[] {9}, 1, null);
            sender.send(second.frame, 1, second);
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
    toB.failure = new IOException("worker B is gone");
    toB.open.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (handedBack.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(List.of(first, second), handedBack);
    IOException later = assertThrows(IOException.class, () -> sender.send(new byte[] {1}, 1, null));
    assertEquals("worker B is gone", later.getMessage());
  }

  @Test
  void theWorkersOwnReaderAndOtherThreadsWriteDirectly() throws Exception {
    StuckChannel toB = new StuckChannel();
    toB.open.countDown();
    WorkerSender sender = new WorkerSender(workerB, toB, Runnable::run, task -> {});
    WorkerSender.reading(
        workerB,
        () -> {
          try {
            sender.send(new byte[] {4}, 1, null);
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
    sender.send(new byte[] {5}, 1, null);
    assertEquals(List.of((byte) 4, (byte) 5), new ArrayList<>(toB.written));
  }
}
