package org.multiprocessing4j.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import java.net.ProtocolException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.SerializableFunction;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskListener;
import org.multiprocessing4j.core.internal.scheduling.TaskPolicy;
import org.multiprocessing4j.core.internal.wire.FailureCodecTest;
import org.multiprocessing4j.core.internal.wire.TaskFrame;

class TaskEncoderTest {
  private final TaskEncoder encoder =
      new TaskEncoder(new FailureCodecTest.JavaSerializer(), 1 << 20);

  /** A function with state: it may change between calls, so it must never be cached. */
  static final class Multiplier implements SerializableFunction<Integer, Integer> {
    private static final long serialVersionUID = 1L;
    int factor;

    Multiplier(int factor) {
      this.factor = factor;
    }

    @Override
    public Integer apply(Integer x) {
      return x * factor;
    }
  }

  private static int increment(int x) {
    return x + 1;
  }

  private Task encode(Object function, Object... items) {
    return encoder.encode(
        function, items, 0, mock(TaskListener.class), new TaskPolicy(java.time.Duration.ZERO, 0));
  }

  /** The function's cache id and its serialized bytes, as the worker reads them. */
  private static Object[] functionOf(Task task) throws ProtocolException {
    TaskFrame frame = TaskFrame.read(Arrays.copyOf(task.frame, task.frameLength));
    assertEquals(task.id, frame.taskId());
    return new Object[] {
      frame.functionId(),
      Arrays.copyOfRange(
          frame.frame(), frame.functionOffset(), frame.functionOffset() + frame.functionLength())
    };
  }

  @Test
  void aLambdaThatCapturesNothingIsSerializedOnceAndCachedById() throws Exception {
    SerializableFunction<Integer, Integer> function = TaskEncoderTest::increment;
    Object[] first = functionOf(encode(function, 1));
    Object[] second = functionOf(encode((SerializableFunction<Integer, Integer>) x -> x * 2, 2));
    Object[] again = functionOf(encode(function, 3));
    assertNotEquals(0, first[0]);
    assertEquals(first[0], again[0]);
    assertNotEquals(first[0], second[0]);
    assertTrue(Arrays.equals((byte[]) first[1], (byte[]) again[1]));
  }

  @Test
  void functionsWithStateAreSentAsTheyAreEachTime() throws Exception {
    Multiplier multiplier = new Multiplier(2);
    Object[] before = functionOf(encode(multiplier, 1));
    multiplier.factor = 3;
    Object[] after = functionOf(encode(multiplier, 1));
    assertEquals(0, before[0]);
    assertEquals(0, after[0]);
    assertTrue(!Arrays.equals((byte[]) before[1], (byte[]) after[1]));

    int captured = 5;
    SerializableFunction<Integer, Integer> capturing = x -> x + captured;
    assertEquals(0, functionOf(encode(capturing, 1))[0]);
  }

  @Test
  void anUnserializableFunctionOrItemIsNamed() {
    Object notSerializable = new Object();
    SerializableFunction<Integer, Integer> capturesIt = x -> notSerializable.hashCode();
    SerializationException function =
        assertThrows(SerializationException.class, () -> encode(capturesIt, 1));
    assertTrue(function.getMessage().contains("task function"), function.getMessage());
    SerializationException item =
        assertThrows(
            SerializationException.class,
            () -> encode((SerializableFunction<Object, Object>) x -> x, 1, notSerializable));
    assertTrue(
        item.getMessage().contains("argument 1 of type java.lang.Object"), item.getMessage());
  }
}
