package org.multiprocessing4j.transport.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.Queue;
import org.multiprocessing4j.core.contract.ChildProcesses;

/**
 * One worker that stops reading (paused, or stuck) must not stop another: the thread that reads
 * worker A's frames hands a queue item to worker B's waiting {@code get}, and B's pipe is full.
 * Were that thread to write the reply itself it would block, and A's own result would never be
 * read.
 */
class CrossWorkerBackpressureTest {
  private static final int ITEM_BYTES = 1 << 20;

  /** Waits on the queue from several threads, so several replies are due, then idles. */
  static int waitOnTheQueue(Queue<byte[]> queue, String ready) throws Exception {
    for (int i = 0; i < 4; i++) {
      Thread getter =
          new Thread(
              () -> {
                try {
                  queue.get();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      getter.setDaemon(true);
      getter.start();
    }
    Thread.sleep(500);
    Files.writeString(Path.of(ready), Long.toString(ProcessHandle.current().pid()));
    Thread.sleep(120_000);
    return 0;
  }

  static int putBigItems(Queue<byte[]> queue) throws Exception {
    for (int i = 0; i < 4; i++) {
      queue.put(new byte[ITEM_BYTES]);
    }
    return 4;
  }

  @AfterAll
  static void noWorkerLeftBehind() throws Exception {
    ChildProcesses.assertNoneLeft();
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aPausedWorkerDoesNotStopAnotherWorkersResults(@TempDir Path dir) throws Exception {
    Path ready = dir.resolve("waiting");
    String readyPath = ready.toString();
    try (Manager manager = Manager.start();
        Pool pool = Pool.builder().processes(2).transport("pipe").build()) {
      Queue<byte[]> queue = manager.queue();
      AsyncResult<Integer> waiting = pool.applyAsync(() -> waitOnTheQueue(queue, readyPath));
      while (!Files.exists(ready) || Files.readString(ready).isEmpty()) {
        Thread.sleep(20);
      }
      long paused = Long.parseLong(Files.readString(ready));
      signal("STOP", paused);
      try {
        assertEquals(4, pool.apply(() -> putBigItems(queue)));
      } finally {
        signal("CONT", paused);
        pool.terminate();
      }
      waiting.waitFor(Duration.ofSeconds(10));
    }
  }

  private static void signal(String name, long pid) throws Exception {
    new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor();
  }
}
