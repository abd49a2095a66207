package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.multiprocessing4j.SerializableFunction;
import org.multiprocessing4j.core.internal.wire.CallFrame;
import org.multiprocessing4j.core.internal.wire.Encoded;
import org.multiprocessing4j.core.internal.wire.FailureCodec;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;
import org.multiprocessing4j.kryo.KryoSerializerProvider;
import org.multiprocessing4j.spi.Serializer;

class SharedValueTest {
  private static final ClassLoader LOADER = SharedValueTest.class.getClassLoader();
  private static final Serializer SERIALIZER = new KryoSerializerProvider().create(LOADER);
  private static final FailureCodec FAILURES = new FailureCodec(SERIALIZER, LOADER);

  private final SharedValue value =
      new SharedValue(Encoded.bytes(SERIALIZER, 10), SERIALIZER, FAILURES);
  private final RecordingCaller caller = new RecordingCaller("a");

  private Object get() throws Exception {
    return Encoded.read(SERIALIZER, caller.reply(caller.call(value, Operations.Value.GET)).payload);
  }

  private Reply update(SerializableFunction<Integer, Integer> function) {
    FrameWriter call =
        Encoded.write(SERIALIZER, function, CallFrame.start(0, Operations.Value.UPDATE, 64));
    return caller.reply(caller.call(value, call));
  }

  @Test
  void getSetAndUpdate() throws Exception {
    assertEquals(10, get());
    caller.call(value, Encoded.write(SERIALIZER, 20, CallFrame.start(0, Operations.Value.SET, 8)));
    assertEquals(20, get());
    Reply updated = update(x -> x + 1);
    assertEquals(ReplyFrame.OK, updated.status);
    assertEquals(21, Encoded.read(SERIALIZER, updated.payload));
    assertEquals(21, get());
  }

  @Test
  void aFunctionThatThrowsFailsTheCallWithItsExceptionAndLeavesTheValue() throws Exception {
    Reply failed =
        update(
            x -> {
              throw new ArithmeticException("no " + x);
            });
    assertEquals(ReplyFrame.FAILED, failed.status);
    Throwable cause = FAILURES.read(failed.payload);
    assertInstanceOf(ArithmeticException.class, cause);
    assertEquals("no 10", cause.getMessage());
    assertEquals(10, get());
  }

  @Test
  void aResultThatCannotBeSerializedFailsTheCallAndLeavesTheValue() throws Exception {
    SerializableFunction<Object, Object> unserializable = x -> new Thread();
    FrameWriter call =
        Encoded.write(SERIALIZER, unserializable, CallFrame.start(0, Operations.Value.UPDATE, 64));
    Reply failed = caller.reply(caller.call(value, call));
    assertEquals(ReplyFrame.FAILED, failed.status);
    assertTrue(FAILURES.read(failed.payload).getMessage().contains("Thread"));
    assertEquals(10, get());
  }

  @Test
  void closedValuesAnswerClosed() {
    value.close();
    assertEquals(ReplyFrame.CLOSED, caller.status(caller.call(value, Operations.Value.GET)));
  }
}
