package org.multiprocessing4j.core.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.Connection;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.JoinableQueue;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.Queue;
import org.multiprocessing4j.WorkerDiedException;

/**
 * Queues, joinable queues and pipes shared between this JVM and real worker JVMs, over the
 * transport a subclass chooses. Two pools of one worker each, so that a test knows which process
 * runs which task.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractQueueContractTest extends AbstractManagerContractTest {
  private Pool pool;
  private Pool otherPool;

  /** The transport's name, as its provider reports it. */
  protected abstract String transportName();

  @BeforeAll
  void startPools() {
    pool = configure(Pool.builder().processes(1)).name("queues-" + transportName()).build();
    otherPool =
        configure(Pool.builder().processes(1)).name("queues-other-" + transportName()).build();
  }

  @AfterAll
  void stopPoolsAndCheckNoChildLeft() throws Exception {
    pool.close();
    otherPool.close();
    ChildProcesses.assertNoneLeft();
  }

  // ---- queues ----

  @Test
  void aChildPutsAndTheParentGetsInOrder() throws Exception {
    Queue<Integer> queue = manager.queue();
    pool.apply(
        () -> {
          for (int i = 0; i < 1000; i++) {
            queue.put(i);
          }
          return null;
        });
    assertEquals(1000, queue.size(), "a task's puts are in the queue when its result is");
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, queue.get());
    }
    assertNull(queue.poll());
  }

  static List<String> takeThree(Queue<String> queue) throws InterruptedException {
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      taken.add(queue.get());
    }
    return taken;
  }

  @Test
  void theParentPutsAndAChildWaitsAndGets() throws Exception {
    Queue<String> queue = manager.queue();
    AsyncResult<List<String>> taken = pool.applyAsync(AbstractQueueContractTest::takeThree, queue);
    queue.put("a");
    queue.put("b");
    queue.put("c");
    assertEquals(List.of("a", "b", "c"), taken.get(LONG));
  }

  @Test
  void theSeedExampleWriterThenReader() throws Exception {
    // Python's Manager().Queue() with a pool: one task writes "helloworld" char by char, another
    // reads as many items as qsize() says.
    Queue<Character> queue = manager.queue();
    pool.applyAsync(
            () -> {
              for (char c : "helloworld".toCharArray()) {
                queue.put(c);
              }
            })
        .get(LONG);
    String read =
        otherPool
            .applyAsync(
                () -> {
                  StringBuilder text = new StringBuilder();
                  for (int i = queue.size(); i > 0; i--) {
                    text.append(queue.get());
                  }
                  return text.toString();
                })
            .get(LONG);
    assertEquals("helloworld", read);
  }

  @Test
  void aBoundedPutInAChildWaitsForRoomMadeByTheParent() throws Exception {
    Queue<String> queue = manager.queue(1);
    queue.put("first");
    AsyncResult<Boolean> putter =
        pool.applyAsync(
            () -> {
              boolean offered = queue.offer("refused", Duration.ofMillis(100));
              queue.put("second");
              return offered;
            });
    Thread.sleep(500);
    assertFalse(putter.isDone(), "the child waits for room");
    assertEquals("first", queue.get());
    assertFalse(putter.get(LONG), "the timed offer found the queue full");
    assertEquals("second", queue.poll(LONG));
    assertNull(queue.poll());
  }

  @Test
  void aChildsPollWithATimeoutAnswersNullOnceItPassed() throws Exception {
    Queue<String> queue = manager.queue();
    long waitedMillis =
        pool.apply(
            () -> {
              long started = System.nanoTime();
              String item = queue.poll(Duration.ofMillis(200));
              return item == null ? (System.nanoTime() - started) / 1_000_000 : -1;
            });
    assertTrue(waitedMillis >= 200, "waited " + waitedMillis + " ms");
  }

  @Test
  void aJoinableQueueIsJoinedAcrossProcesses() throws Exception {
    JoinableQueue<Integer> queue = manager.joinableQueue();
    for (int i = 1; i <= 3; i++) {
      queue.put(i);
    }
    AsyncResult<String> consumer =
        pool.applyAsync(
            () -> {
              int sum = 0;
              for (int i = 0; i < 3; i++) {
                sum += queue.get();
                queue.taskDone();
              }
              try {
                queue.taskDone();
                return sum + ": no error";
              } catch (IllegalStateException tooMany) {
                return sum + ": " + tooMany.getMessage();
              }
            });
    assertTrue(queue.join(LONG));
    assertEquals("6: task_done() called too many times", consumer.get(LONG));

    queue.put(4);
    AsyncResult<String> joiner =
        pool.applyAsync(
            () -> {
              queue.join();
              return "joined";
            });
    Thread.sleep(300);
    assertFalse(joiner.isDone(), "the child waits for the item to be done");
    assertEquals(4, queue.get());
    queue.taskDone();
    assertEquals("joined", joiner.get(LONG));
  }

  @Test
  void anInterruptedGetInAChildIsCancelledAndTakesNothing() throws Exception {
    Queue<String> queue = manager.queue();
    String outcome =
        pool.apply(
            () -> {
              Thread getter = Thread.currentThread();
              Thread interrupter =
                  new Thread(
                      () -> {
                        try {
                          Thread.sleep(200);
                        } catch (InterruptedException e) {
                          return;
                        }
                        getter.interrupt();
                      });
              interrupter.start();
              try {
                return "got " + queue.get();
              } catch (InterruptedException interrupted) {
                return "interrupted";
              } finally {
                interrupter.join();
              }
            });
    assertEquals("interrupted", outcome);
    queue.put("kept");
    assertEquals(1, queue.size(), "the cancelled get took nothing");
  }

  @Test
  void aWorkerKilledWhileWaitingInGetLosesNoItem() throws Exception {
    Queue<String> queue = manager.queue();
    Queue<Long> started = manager.queue();
    AsyncResult<String> waiting =
        otherPool.applyAsync(
            () -> {
              started.put(CurrentProcess.pid());
              return queue.get();
            });
    long pid = started.get();
    Thread.sleep(200);
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    ExecutionException died = assertThrows(ExecutionException.class, () -> waiting.get(LONG));
    assertInstanceOf(WorkerDiedException.class, died.getCause());
    queue.put("precious");
    assertEquals("precious", queue.poll(Duration.ofSeconds(5)));
  }

  @Test
  void closingTheManagerWakesAChildWaitingInGet() throws Exception {
    Queue<String> queue = manager.queue();
    try (Manager signals = Manager.start()) {
      Queue<String> started = signals.queue();
      AsyncResult<String> waiting =
          pool.applyAsync(
              () -> {
                started.put("started");
                try {
                  return "got " + queue.get();
                } catch (IllegalStateException closed) {
                  return "IllegalStateException: " + closed.getMessage();
                }
              });
      started.get();
      Thread.sleep(200);
      manager.close();
      String outcome = waiting.get(LONG);
      assertTrue(outcome.startsWith("IllegalStateException: "), outcome);
    }
  }

  /**
   * Written against the JDK's {@code BlockingQueue} alone, as code that knows nothing of this
   * library.
   */
  private static List<Object> useAsABlockingQueue(BlockingQueue<Integer> queue)
      throws InterruptedException {
    List<Object> seen = new ArrayList<>();
    seen.add(queue.take());
    seen.add(queue.poll(10, TimeUnit.SECONDS));
    seen.add(queue.peek());
    seen.add(queue.element());
    seen.add(queue.remove());
    seen.add(queue.contains(4));
    seen.add(new ArrayList<>(queue));
    List<Integer> drained = new ArrayList<>();
    seen.add(queue.drainTo(drained, 1));
    seen.add(queue.drainTo(drained));
    seen.add(drained);
    seen.add(queue.poll(50, TimeUnit.MILLISECONDS));
    seen.add(queue.remainingCapacity());
    seen.add(queue.offer(6, 1, TimeUnit.SECONDS));
    seen.add(queue.add(7));
    queue.put(8);
    seen.add(queue.size());
    return seen;
  }

  @Test
  void aChildUsesTheQueueThroughTheBlockingQueueInterface() throws Exception {
    Queue<Integer> queue = manager.queue(8);
    for (int i = 1; i <= 5; i++) {
      queue.put(i);
    }
    List<Object> seen = pool.apply(AbstractQueueContractTest::useAsABlockingQueue, queue);
    assertEquals(
        "[1, 2, 3, 3, 3, true, [4, 5], 1, 1, [4, 5], null, 8, true, true, 3]", seen.toString());
    BlockingQueue<Integer> jdk = queue;
    assertEquals(List.of(6, 7, 8), List.copyOf(jdk));
    assertEquals(5, jdk.remainingCapacity());
    for (int i = 0; i < 5; i++) {
      jdk.add(i);
    }
    IllegalStateException full = assertThrows(IllegalStateException.class, () -> jdk.add(99));
    assertTrue(full.getMessage().contains("Queue full"), full.getMessage());
    assertFalse(jdk.offer(99, 10, TimeUnit.MILLISECONDS));
    UnsupportedOperationException middle =
        assertThrows(UnsupportedOperationException.class, () -> jdk.remove(6));
    assertTrue(middle.getMessage().contains("head"), middle.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> jdk.iterator().remove());
    assertThrows(IllegalArgumentException.class, () -> jdk.drainTo(jdk));
    jdk.clear();
    assertTrue(jdk.isEmpty());
    assertNull(jdk.peek());
    assertThrows(NoSuchElementException.class, jdk::element);
    assertThrows(NoSuchElementException.class, jdk::remove);
    assertNull(jdk.poll(10, TimeUnit.MILLISECONDS));
  }

  @Test
  void drainToTakesALargeQueueInBatchesAndKeepsOrder() throws Exception {
    Queue<byte[]> queue = manager.queue();
    pool.apply(
        () -> {
          for (int i = 0; i < 40; i++) {
            byte[] item = new byte[100_000];
            item[0] = (byte) i;
            queue.add(item);
          }
          return null;
        });
    assertEquals(Integer.MAX_VALUE, queue.remainingCapacity());
    List<byte[]> drained = new ArrayList<>();
    assertEquals(40, queue.drainTo(drained));
    for (int i = 0; i < 40; i++) {
      assertEquals(i, drained.get(i)[0]);
    }
    assertTrue(queue.isEmpty());
  }

  // ---- pipes ----

  @Test
  void aPipeCarriesMessagesBothWaysBetweenParentAndChild() throws Exception {
    Pipe<String> pipe = manager.pipe();
    Connection<String> childEnd = pipe.second();
    AsyncResult<String> echo =
        pool.applyAsync(
            () -> {
              String message = childEnd.recv();
              childEnd.send(message + " pong");
              childEnd.sendBytes(new byte[] {1, 2});
              return message;
            });
    pipe.first().send("ping");
    assertEquals("ping pong", pipe.first().recv());
    assertArrayEquals(new byte[] {1, 2}, pipe.first().recvBytes());
    assertEquals("ping", echo.get(LONG));
  }

  @Test
  void aPipeConnectsTwoChildren() throws Exception {
    Pipe<String> pipe = manager.pipe();
    Connection<String> asking = pipe.first();
    Connection<String> answering = pipe.second();
    AsyncResult<String> asker =
        pool.applyAsync(
            () -> {
              asking.send("ping from " + CurrentProcess.pid());
              return asking.recv();
            });
    AsyncResult<Long> answerer =
        otherPool.applyAsync(
            () -> {
              String question = answering.recv();
              answering.send(question + ", pong from " + CurrentProcess.pid());
              return CurrentProcess.pid();
            });
    String answer = asker.get(LONG);
    long answererPid = answerer.get(LONG);
    assertTrue(answer.startsWith("ping from "), answer);
    assertTrue(answer.endsWith(", pong from " + answererPid), answer);
    assertNotEquals(ProcessHandle.current().pid(), answererPid);
  }

  @Test
  void aOneWayPipeFromChildToParentEndsWithEndOfFileAfterClose() throws Exception {
    Pipe<Integer> pipe = manager.pipe(false);
    Connection<Integer> writer = pipe.second();
    pool.apply(
        () -> {
          for (int i = 0; i < 3; i++) {
            writer.send(i);
          }
          writer.close();
          return null;
        });
    assertTrue(writer.isClosed(), "closed in the child, seen here");
    for (int i = 0; i < 3; i++) {
      assertEquals(i, pipe.first().recv());
    }
    assertThrows(EOFException.class, () -> pipe.first().recv());
  }

  @Test
  void aChildReceivesEndOfFileAfterTheParentCloses() throws Exception {
    Pipe<String> pipe = manager.pipe();
    Connection<String> childEnd = pipe.second();
    pipe.first().send("one");
    pipe.first().close();
    String outcome =
        pool.apply(
            () -> {
              String first = childEnd.recv();
              boolean ready = childEnd.poll(Duration.ofSeconds(5));
              try {
                childEnd.recv();
                return "no end";
              } catch (EOFException end) {
                return first + ", ready " + ready + ", end";
              }
            });
    assertEquals("one, ready true, end", outcome);
  }

  @Test
  void aChildSendingToAnEndClosedElsewhereIsToldOnlyOnceItSawTheEnd() throws Exception {
    Pipe<String> pipe = manager.pipe();
    Connection<String> childEnd = pipe.second();
    pipe.first().close();
    String outcome =
        pool.apply(
            () -> {
              // One-way: the child cannot know yet; the parent drops what nobody can receive.
              childEnd.send("dropped");
              try {
                childEnd.recv();
                return "no end";
              } catch (EOFException end) {
                try {
                  childEnd.send("refused");
                  return "sent after the end";
                } catch (IOException refused) {
                  return "refused: " + refused.getMessage();
                }
              }
            });
    assertTrue(outcome.startsWith("refused: The other end"), outcome);
  }

  @Test
  void anEndIsClosedWhenTheWorkerThatUsedItDies() throws Exception {
    Pipe<String> pipe = manager.pipe();
    Connection<String> childEnd = pipe.second();
    AsyncResult<Object> dying =
        otherPool.applyAsync(
            () -> {
              childEnd.send("last words");
              // A round trip: the message has reached the parent before the JVM halts, as halt
              // skips flushing what is still queued.
              childEnd.isClosed();
              Runtime.getRuntime().halt(3);
              return null;
            });
    assertEquals("last words", pipe.first().recv());
    assertThrows(EOFException.class, () -> pipe.first().recv());
    assertTrue(pipe.second().isClosed());
    ExecutionException died = assertThrows(ExecutionException.class, () -> dying.get(LONG));
    assertInstanceOf(WorkerDiedException.class, died.getCause());
  }
}
