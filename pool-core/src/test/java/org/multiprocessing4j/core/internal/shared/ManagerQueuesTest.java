package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.Connection;
import org.multiprocessing4j.JoinableQueue;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.Queue;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.core.internal.wire.FrameWriter;

/** Queues and pipes used in the manager's own JVM, where calls go through its local link. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ManagerQueuesTest {
  private final Manager manager = Manager.start();

  @AfterEach
  void closeManager() {
    manager.close();
  }

  @Test
  void aQueueKeepsOrderAndCountsItsItems() throws Exception {
    Queue<String> queue = manager.queue();
    assertEquals(0, queue.maxSize());
    assertTrue(queue.isEmpty());
    queue.put("a");
    assertTrue(queue.offer("b"));
    assertTrue(queue.offer("c", Duration.ofSeconds(1)));
    assertEquals(3, queue.size());
    assertFalse(queue.isFull(), "an unbounded queue is never full");
    assertEquals("a", queue.get());
    assertEquals("b", queue.poll());
    assertEquals("c", queue.poll(Duration.ofSeconds(1)));
    assertNull(queue.poll());
    assertTrue(queue.isEmpty());
  }

  @Test
  void itemsAreCopies() throws Exception {
    Queue<List<String>> queue = manager.queue();
    List<String> item = new java.util.ArrayList<>(List.of("x"));
    queue.put(item);
    item.add("later");
    assertEquals(List.of("x"), queue.get());
  }

  @Test
  void badArgumentsAreRefusedClearly() {
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> manager.queue(-1));
    assertTrue(negative.getMessage().contains("maxSize"), negative.getMessage());
    Queue<String> queue = manager.queue();
    NullPointerException nullItem = assertThrows(NullPointerException.class, () -> queue.put(null));
    assertTrue(nullItem.getMessage().contains("null"), nullItem.getMessage());
    assertThrows(NullPointerException.class, () -> queue.offer(null));
    assertThrows(NullPointerException.class, () -> queue.offer("a", null));
    assertThrows(NullPointerException.class, () -> queue.poll(null));
    assertEquals(0, queue.size());
  }

  @Test
  void anItemThatCannotBeSerializedIsNotAdded() {
    Queue<Object> queue = manager.queue();
    assertThrows(SerializationException.class, () -> queue.put(Thread.currentThread()));
    assertEquals(0, queue.size());
  }

  @Test
  void aBoundedQueueRefusesOffersWhenFull() throws Exception {
    Queue<Integer> queue = manager.queue(1);
    assertEquals(1, queue.maxSize());
    queue.put(1);
    assertTrue(queue.isFull());
    assertFalse(queue.offer(2));
    long started = System.nanoTime();
    assertFalse(queue.offer(2, Duration.ofMillis(50)));
    assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(50));
    assertEquals(1, queue.size());
  }

  @Test
  void aBoundedPutWaitsUntilAGetMakesRoom() throws Exception {
    Queue<Integer> queue = manager.queue(1);
    queue.put(1);
    CallInThread putter = CallInThread.start(() -> queue.put(2)).awaitWaiting();
    assertFalse(putter.isDone());
    assertEquals(1, queue.get());
    putter.awaitReturn();
    assertEquals(2, queue.get());
  }

  @Test
  void aGetWaitsForAPut() throws Exception {
    Queue<String> queue = manager.queue();
    AtomicReference<String> got = new AtomicReference<>();
    CallInThread getter = CallInThread.start(() -> got.set(queue.get())).awaitWaiting();
    queue.put("x");
    getter.awaitReturn();
    assertEquals("x", got.get());
  }

  @Test
  void pollWithATimeoutAnswersNullOnceItPassed() throws Exception {
    Queue<String> queue = manager.queue();
    long started = System.nanoTime();
    assertNull(queue.poll(Duration.ofMillis(50)));
    assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(50));
    assertNull(queue.poll(Duration.ofMillis(-5)), "a negative timeout does not wait");
  }

  @Test
  void anInterruptedGetThrowsAndTakesNothing() throws Exception {
    Queue<String> queue = manager.queue();
    CallInThread getter = CallInThread.start(queue::get).awaitWaiting();
    getter.interrupt();
    assertInstanceOf(InterruptedException.class, getter.awaitFailure());
    queue.put("kept");
    assertEquals(1, queue.size());
  }

  @Test
  void anInterruptedBoundedPutThrowsAndAddsNothing() throws Exception {
    Queue<String> queue = manager.queue(1);
    queue.put("first");
    CallInThread putter = CallInThread.start(() -> queue.put("second")).awaitWaiting();
    putter.interrupt();
    assertInstanceOf(InterruptedException.class, putter.awaitFailure());
    assertEquals("first", queue.get());
    assertNull(queue.poll());
  }

  @Test
  void closingTheManagerWakesWaitersAndRefusesEveryLaterCall() throws Exception {
    Queue<String> queue = manager.queue();
    Pipe<String> pipe = manager.pipe();
    queue.put("warm");
    queue.get();
    CallInThread getter = CallInThread.start(queue::get).awaitWaiting();
    manager.close();
    IllegalStateException woken =
        assertInstanceOf(IllegalStateException.class, getter.awaitFailure());
    assertTrue(woken.getMessage().contains("Manager"), woken.getMessage());
    assertThrows(IllegalStateException.class, () -> queue.put("late"));
    assertThrows(IllegalStateException.class, queue::size);
    assertThrows(IllegalStateException.class, manager::queue);
    assertThrows(IOException.class, () -> pipe.first().send("late"));
    assertThrows(IllegalStateException.class, () -> pipe.second().recv());
  }

  @Test
  void aJoinableQueueCountsItemsNotDone() throws Exception {
    JoinableQueue<String> queue = manager.joinableQueue();
    assertTrue(queue.join(Duration.ZERO));
    queue.put("a");
    queue.put("b");
    assertFalse(queue.join(Duration.ofMillis(20)));
    queue.get();
    queue.taskDone();
    assertFalse(queue.join(Duration.ZERO));
    queue.get();
    queue.taskDone();
    queue.join();
    IllegalStateException tooMany = assertThrows(IllegalStateException.class, queue::taskDone);
    assertEquals("task_done() called too many times", tooMany.getMessage());
  }

  @Test
  void aDuplexPipeCarriesObjectsAndBytesBothWays() throws Exception {
    Pipe<Object> pipe = manager.pipe();
    Connection<Object> first = pipe.first();
    Connection<Object> second = pipe.second();
    assertTrue(first.isReadable() && first.isWritable());
    assertNotEquals(first, second);
    first.send(List.of(1, 2));
    first.send(null);
    first.sendBytes(new byte[] {9, 8, 7, 6}, 1, 2);
    first.sendBytes(new byte[0]);
    assertTrue(second.poll(Duration.ZERO));
    assertEquals(List.of(1, 2), second.recv());
    assertNull(second.recv());
    assertArrayEquals(new byte[] {8, 7}, second.recvBytes());
    assertArrayEquals(new byte[0], second.recvBytes(), "an empty message is a message");
    assertFalse(second.poll(Duration.ZERO));
    assertFalse(second.poll(Duration.ofMillis(20)));
    second.send("back");
    assertEquals("back", first.recv());
  }

  @Test
  void aRawMessageMustBeReceivedAsBytesAndStaysNextUntilThen() throws Exception {
    Pipe<String> pipe = manager.pipe();
    pipe.first().sendBytes(new byte[] {1});
    IOException raw = assertThrows(IOException.class, () -> pipe.second().recv());
    assertTrue(raw.getMessage().contains("recvBytes"), raw.getMessage());
    assertArrayEquals(new byte[] {1}, pipe.second().recvBytes());
  }

  @Test
  void recvBytesOfAnObjectMessageIsItsSerializedForm() throws Exception {
    Pipe<String> pipe = manager.pipe();
    pipe.first().send("hello");
    byte[] bytes = pipe.second().recvBytes();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    ((CoreManager) manager).serializer().serialize("hello", expected);
    assertArrayEquals(expected.toByteArray(), bytes);
  }

  @Test
  void sendBytesChecksItsRange() {
    Pipe<String> pipe = manager.pipe();
    byte[] bytes = new byte[4];
    assertThrows(IndexOutOfBoundsException.class, () -> pipe.first().sendBytes(bytes, 3, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> pipe.first().sendBytes(bytes, -1, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> pipe.first().sendBytes(bytes, 0, -1));
  }

  @Test
  void aOneWayPipeReceivesOnItsFirstEndAndSendsOnItsSecond() throws Exception {
    Pipe<String> pipe = manager.pipe(false);
    Connection<String> reader = pipe.first();
    Connection<String> writer = pipe.second();
    assertTrue(reader.isReadable());
    assertFalse(reader.isWritable());
    assertFalse(writer.isReadable());
    assertTrue(writer.isWritable());
    IllegalStateException readOnly =
        assertThrows(IllegalStateException.class, () -> reader.send("x"));
    assertTrue(readOnly.getMessage().contains("only receives"), readOnly.getMessage());
    assertThrows(IllegalStateException.class, () -> reader.sendBytes(new byte[1]));
    IllegalStateException writeOnly = assertThrows(IllegalStateException.class, writer::recv);
    assertTrue(writeOnly.getMessage().contains("only sends"), writeOnly.getMessage());
    assertThrows(IllegalStateException.class, writer::recvBytes);
    assertThrows(IllegalStateException.class, () -> writer.poll(Duration.ZERO));
    writer.send("one way");
    assertEquals("one way", reader.recv());
  }

  @Test
  void closingAnEndEndsTheStreamAfterWhatWasSent() throws Exception {
    Pipe<String> pipe = manager.pipe();
    pipe.first().send("last");
    pipe.first().close();
    pipe.first().close();
    assertTrue(pipe.first().isClosed());
    assertFalse(pipe.second().isClosed());
    assertTrue(pipe.second().poll(Duration.ZERO));
    assertEquals("last", pipe.second().recv());
    assertTrue(pipe.second().poll(Duration.ZERO), "recv would not block: it would throw");
    assertThrows(EOFException.class, () -> pipe.second().recv());
    assertThrows(EOFException.class, () -> pipe.second().recvBytes());
    IOException broken = assertThrows(IOException.class, () -> pipe.second().send("lost"));
    assertTrue(broken.getMessage().contains("other end"), broken.getMessage());
    assertThrows(IOException.class, () -> pipe.first().send("x"));
    assertThrows(IOException.class, () -> pipe.first().recv());
    assertThrows(IOException.class, () -> pipe.first().poll(Duration.ZERO));
  }

  @Test
  void aWaitingReceiveWakesWhenTheOtherEndCloses() throws Exception {
    Pipe<String> pipe = manager.pipe();
    CallInThread receiver = CallInThread.start(() -> pipe.second().recv()).awaitWaiting();
    pipe.first().close();
    assertInstanceOf(EOFException.class, receiver.awaitFailure());
  }

  @Test
  void anInterruptedReceiveThrowsAndTakesNothing() throws Exception {
    Pipe<String> pipe = manager.pipe();
    CallInThread receiver = CallInThread.start(() -> pipe.second().recv()).awaitWaiting();
    receiver.interrupt();
    assertInstanceOf(InterruptedException.class, receiver.awaitFailure());
    pipe.first().send("kept");
    assertEquals("kept", pipe.second().recv());
  }

  @Test
  void proxiesSurviveSerializationAndReachTheSameObjects() throws Exception {
    Queue<String> queue = manager.queue(3);
    Pipe<String> pipe = manager.pipe(false);
    Queue<String> queueCopy = roundTrip(queue);
    Connection<String> writerCopy = roundTrip(pipe.second());
    assertEquals(queue, queueCopy);
    assertEquals(3, queueCopy.maxSize());
    queueCopy.put("via copy");
    assertEquals("via copy", queue.get());
    assertFalse(writerCopy.isReadable());
    writerCopy.send("via copy");
    assertEquals("via copy", pipe.first().recv());
  }

  @SuppressWarnings("unchecked")
  private <T> T roundTrip(T proxy) throws IOException {
    FrameWriter bytes = new FrameWriter(64);
    ((CoreManager) manager).serializer().serialize(proxy, bytes);
    return (T) ((CoreManager) manager).serializer().deserialize(bytes.array(), 0, bytes.size());
  }
}
