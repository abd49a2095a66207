package org.multiprocessing4j.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.kryo.KryoSerializerProvider;
import org.multiprocessing4j.spi.Serializer;

/** Every message written by its one class and read back by the same class, every field. */
class FrameRoundTripTest {
  private static final ClassLoader LOADER = FrameRoundTripTest.class.getClassLoader();
  static final Serializer SERIALIZER = new KryoSerializerProvider().create(LOADER);
  static final ValuesCodec VALUES = new ValuesCodec(SERIALIZER);
  static final FailureCodec FAILURES = new FailureCodec(SERIALIZER, LOADER);

  static byte[] bytes(FrameWriter frame) {
    return Arrays.copyOf(frame.array(), frame.size());
  }

  /** A RESULT frame, written in its three steps. */
  static byte[] result(
      long taskId,
      long runNanos,
      Object[] values,
      List<Integer> failedIndexes,
      List<Throwable> failed)
      throws Exception {
    FrameWriter writer = new FrameWriter(16);
    int valuesStart = ResultFrame.writeHeader(writer, taskId, runNanos);
    VALUES.write(values, writer);
    ResultFrame.endValues(writer, valuesStart);
    ResultFrame.writeFailures(writer, failedIndexes, failed, FAILURES);
    return bytes(writer);
  }

  @Test
  void task() throws Exception {
    byte[] function = {7, 8, 9};
    FrameWriter writer = new FrameWriter(16);
    TaskFrame.write(writer, 42, 5, function, VALUES, new Object[] {1, 2, 3});
    byte[] frame = bytes(writer);

    TaskFrame task = TaskFrame.read(frame);
    assertEquals(Protocol.TASK, Protocol.type(frame));
    assertEquals(42, task.taskId());
    assertEquals(5, task.functionId());
    assertArrayEquals(
        function,
        Arrays.copyOfRange(
            frame, task.functionOffset(), task.functionOffset() + task.functionLength()));
    assertArrayEquals(new Object[] {1, 2, 3}, task.items(VALUES));
    assertTrue(TaskFrame.isTask(frame, 42));
    assertFalse(TaskFrame.isTask(frame, 43));
    assertFalse(TaskFrame.isTask(bytes(TaskIdFrame.cancel(42)), 42));
  }

  @Test
  void taskItemsAreReadWhereTheyLieInTheFrame() throws Exception {
    FrameWriter writer = new FrameWriter(16);
    TaskFrame.write(writer, 1, 0, new byte[0], VALUES, new Object[] {"a", List.of(2)});
    byte[] frame = bytes(writer);
    TaskFrame task = TaskFrame.read(frame);
    assertEquals(0, task.functionId());
    assertEquals(0, task.functionLength());
    assertEquals(frame.length, task.itemsOffset() + task.itemsLength());
    assertArrayEquals(new Object[] {"a", List.of(2)}, task.items(VALUES));
  }

  @Test
  void result() throws Exception {
    byte[] frame =
        result(
            42,
            1_234_567L,
            new Object[] {10L, 20L, 30L},
            List.of(0, 2),
            List.of(new IllegalStateException("first"), new ArithmeticException("third")));

    ResultFrame result = ResultFrame.read(frame);
    assertEquals(Protocol.RESULT, Protocol.type(frame));
    assertEquals(42, result.taskId());
    assertEquals(1_234_567L, result.runNanos());
    assertArrayEquals(new Object[] {10L, 20L, 30L}, result.values(VALUES));
    assertEquals(2, result.failureCount());
    int[] indexes = new int[2];
    Throwable[] failed = new Throwable[2];
    result.readFailures(FAILURES, indexes, failed);
    assertArrayEquals(new int[] {0, 2}, indexes);
    assertEquals(IllegalStateException.class, failed[0].getClass());
    assertEquals("first", failed[0].getMessage());
    assertEquals(ArithmeticException.class, failed[1].getClass());
    assertEquals("third", failed[1].getMessage());
  }

  @Test
  void resultWithoutFailuresWhoseValuesWereWrittenTwice() throws Exception {
    FrameWriter writer = new FrameWriter(16);
    int valuesStart = ResultFrame.writeHeader(writer, 7, 0);
    VALUES.write(new Object[] {"dropped", "too"}, writer);
    writer.truncate(valuesStart);
    VALUES.write(new Object[] {null, "kept"}, writer);
    ResultFrame.endValues(writer, valuesStart);
    ResultFrame.writeFailures(writer, List.of(), List.of(), FAILURES);

    ResultFrame result = ResultFrame.read(bytes(writer));
    assertEquals(7, result.taskId());
    assertEquals(0, result.runNanos());
    assertArrayEquals(new Object[] {null, "kept"}, result.values(VALUES));
    assertEquals(0, result.failureCount());
    result.readFailures(FAILURES, new int[0], new Throwable[0]);
  }

  @Test
  void cancelAndCancelled() throws Exception {
    byte[] cancel = bytes(TaskIdFrame.cancel(Long.MAX_VALUE));
    assertEquals(Protocol.CANCEL, Protocol.type(cancel));
    assertEquals(Long.MAX_VALUE, TaskIdFrame.read(cancel, Protocol.CANCEL));
    byte[] cancelled = bytes(TaskIdFrame.cancelled(-3));
    assertEquals(Protocol.CANCELLED, Protocol.type(cancelled));
    assertEquals(-3, TaskIdFrame.read(cancelled, Protocol.CANCELLED));
    assertEquals(9, cancel.length);
  }

  @Test
  void hello() throws Exception {
    HelloFrame sent = new HelloFrame(4242, "kryo:abc", "17.0.9");
    byte[] frame = bytes(sent.write());
    assertEquals(Protocol.HELLO, Protocol.type(frame));
    assertEquals(sent, HelloFrame.read(frame));
    assertEquals(
        new HelloFrame(1, null, null),
        HelloFrame.read(bytes(new HelloFrame(1, null, null).write())));
  }

  @Test
  void init() throws Exception {
    byte[] frame = bytes(InitFrame.write(SERIALIZER, List.of("setup", 3)));
    assertEquals(Protocol.INIT, Protocol.type(frame));
    assertEquals(List.of("setup", 3), InitFrame.initializer(SERIALIZER, frame));
    assertNull(InitFrame.initializer(SERIALIZER, bytes(InitFrame.write(SERIALIZER, null))));
  }

  @Test
  void initFailed() throws Exception {
    byte[] frame = bytes(InitFailedFrame.write(FAILURES, new IllegalArgumentException("no db")));
    assertEquals(Protocol.INIT_FAILED, Protocol.type(frame));
    Throwable read = InitFailedFrame.read(FAILURES, frame);
    assertEquals(IllegalArgumentException.class, read.getClass());
    assertEquals("no db", read.getMessage());
  }

  @Test
  void signalsAreTheirTypeAlone() throws Exception {
    assertArrayEquals(new byte[] {Protocol.READY}, bytes(SignalFrame.ready()));
    assertArrayEquals(new byte[] {Protocol.GOING_AWAY}, bytes(SignalFrame.goingAway()));
    assertArrayEquals(new byte[] {Protocol.EXIT}, bytes(SignalFrame.exit()));
  }

  @Test
  void callAndItsCancel() throws Exception {
    FrameWriter call = CallFrame.start(99, Operations.Queue.GET, 8).writeLong(1_000);
    CallFrame.setCallId(call, 17);
    byte[] frame = bytes(call);
    assertEquals(CallFrame.HEADER + 8, frame.length);

    FrameReader reader = new FrameReader(frame);
    int start = CallFrame.readHeader(reader);
    assertFalse(CallFrame.isCancel(frame, start));
    assertEquals(17, CallFrame.callId(frame, start));
    assertEquals(99, CallFrame.objectId(frame, start));
    assertEquals(Operations.Queue.GET, CallFrame.operation(frame, start));
    assertEquals(1_000, reader.readLong());
    assertEquals(0, reader.remaining());

    byte[] cancel = bytes(CallFrame.cancel(call, 17));
    FrameReader cancelReader = new FrameReader(cancel);
    int cancelStart = CallFrame.readHeader(cancelReader);
    assertTrue(CallFrame.isCancel(cancel, cancelStart));
    assertEquals(17, CallFrame.callId(cancel, cancelStart));
    assertEquals(99, CallFrame.objectId(cancel, cancelStart));
    assertEquals(0, cancelReader.remaining());
  }

  @Test
  void aOneWayCallKeepsCallIdZero() throws Exception {
    byte[] frame = bytes(CallFrame.start(5, Operations.Map.CLEAR, 0));
    int start = CallFrame.readHeader(new FrameReader(frame));
    assertEquals(0, CallFrame.callId(frame, start));
    assertEquals(5, CallFrame.objectId(frame, start));
    assertEquals(Operations.Map.CLEAR, CallFrame.operation(frame, start));
  }

  @Test
  void callsBatchCallsInOrderEachReadInPlace() throws Exception {
    FrameWriter first = CallFrame.start(1, Operations.Queue.PUT, 12).writeLong(0).writeInt(10);
    FrameWriter second = CallFrame.start(2, Operations.Connection.SEND, 1).writeByte(0);
    FrameWriter batch = CallsFrame.start(first.size());
    CallsFrame.append(batch, first);
    CallsFrame.append(batch, second);
    byte[] frame = bytes(batch);
    assertEquals(Protocol.CALLS, Protocol.type(frame));

    FrameReader calls = CallsFrame.open(frame);
    FrameReader one = CallsFrame.next(calls);
    int oneStart = CallFrame.readHeader(one);
    assertEquals(1, CallFrame.objectId(frame, oneStart));
    assertEquals(Operations.Queue.PUT, CallFrame.operation(frame, oneStart));
    assertEquals(0, one.readLong());
    assertEquals(10, one.readInt());
    assertEquals(0, one.remaining());
    FrameReader two = CallsFrame.next(calls);
    int twoStart = CallFrame.readHeader(two);
    assertEquals(2, CallFrame.objectId(frame, twoStart));
    assertEquals(Operations.Connection.SEND, CallFrame.operation(frame, twoStart));
    assertEquals(0, two.readByte());
    assertNull(CallsFrame.next(calls));
  }

  @Test
  void reply() throws Exception {
    FrameWriter writer = ReplyFrame.start(-8, ReplyFrame.REFUSED);
    writer.writeString("lock released while free");
    byte[] frame = bytes(writer);
    assertEquals(Protocol.REPLY, Protocol.type(frame));
    assertEquals(-8, ReplyFrame.callId(frame));
    FrameReader payload = ReplyFrame.open(frame);
    assertEquals(ReplyFrame.REFUSED, ReplyFrame.status(frame));
    assertEquals("lock released while free", payload.readString());
    assertEquals(0, payload.remaining());
    assertEquals(ReplyFrame.HEADER, bytes(ReplyFrame.start(1, ReplyFrame.OK, 0)).length);
  }
}
