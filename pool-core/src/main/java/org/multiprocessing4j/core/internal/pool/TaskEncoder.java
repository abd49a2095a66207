package org.multiprocessing4j.core.internal.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskListener;
import org.multiprocessing4j.core.internal.scheduling.TaskPolicy;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.InitFrame;
import org.multiprocessing4j.core.internal.wire.TaskFrame;
import org.multiprocessing4j.core.internal.wire.ValuesCodec;
import org.multiprocessing4j.spi.Serializer;

/**
 * Serializes tasks on the submitting thread, so that an object that cannot cross to a worker fails
 * the call that submitted it, with a message that says which object and how to fix it.
 */
public final class TaskEncoder {
  /** Bounds the memory a pool spends on functions it has seen; later ones are sent every time. */
  private static final int CACHED_FUNCTIONS_LIMIT = 1024;

  private final Serializer serializer;
  private final ValuesCodec values;
  private final int maxFrameSize;
  private final AtomicLong taskIds = new AtomicLong();
  private final AtomicInteger functionIds = new AtomicInteger();
  private final Map<Class<?>, EncodedFunction> functions = new ConcurrentHashMap<>();

  /** A function serialized once; id 0 means the worker must not cache it. */
  private record EncodedFunction(int id, byte[] bytes) {}

  public TaskEncoder(Serializer serializer, int maxFrameSize) {
    this.serializer = serializer;
    this.values = new ValuesCodec(serializer);
    this.maxFrameSize = maxFrameSize;
  }

  /**
   * Builds a {@link TaskFrame}.
   *
   * @throws SerializationException if the function or an item cannot be serialized, or the frame is
   *     too large
   */
  Task encode(
      Object function, Object[] items, int firstIndex, TaskListener listener, TaskPolicy policy) {
    long id = taskIds.incrementAndGet();
    EncodedFunction encodedFunction = encodeFunction(function);
    FrameWriter frame =
        new FrameWriter(
            (int) Math.min(1 << 20, 64L + encodedFunction.bytes.length + 8L * items.length));
    try {
      TaskFrame.write(frame, id, encodedFunction.id, encodedFunction.bytes, values, items);
    } catch (RuntimeException e) {
      throw explainItems(items, firstIndex, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (frame.size() > maxFrameSize) {
      throw new SerializationException(
          "The task is "
              + frame.size()
              + " bytes once serialized, more than the pool's maxFrameSize of "
              + maxFrameSize
              + " bytes. Send less per task (a smaller chunksize), or raise"
              + " Pool.Builder.maxFrameSize.",
          null);
    }
    return new Task(id, frame.array(), frame.size(), firstIndex, items.length, listener, policy);
  }

  /**
   * Serializes a function, once per class for lambdas that capture nothing: every instance of such
   * a class serializes to the same bytes, and a worker can keep the one it rebuilt. Anything with
   * state is serialized every time, since it may have changed since the last call.
   */
  private EncodedFunction encodeFunction(Object function) {
    Class<?> type = function.getClass();
    EncodedFunction cached = functions.get(type);
    if (cached != null) {
      return cached;
    }
    FrameWriter bytes = new FrameWriter(256);
    try {
      serializer.serialize(function, bytes);
    } catch (RuntimeException e) {
      throw new SerializationException(
          "Cannot serialize the task function, "
              + describe(function)
              + ": "
              + e.getMessage()
              + ". Write it against one of the pool's Serializable interfaces, and make"
              + " everything it captures serializable (a lambda that uses instance members"
              + " captures 'this').",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] serialized = Arrays.copyOf(bytes.array(), bytes.size());
    if (!isStatelessLambda(type) || functions.size() >= CACHED_FUNCTIONS_LIMIT) {
      return new EncodedFunction(0, serialized);
    }
    EncodedFunction fresh = new EncodedFunction(functionIds.incrementAndGet(), serialized);
    EncodedFunction raced = functions.putIfAbsent(type, fresh);
    return raced == null ? fresh : raced;
  }

  private static boolean isStatelessLambda(Class<?> type) {
    if (!type.isSynthetic() || !type.getName().contains("$$Lambda")) {
      return false;
    }
    for (Field field : type.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private SerializationException explainItems(
      Object[] items, int firstIndex, RuntimeException failure) {
    for (int i = 0; i < items.length; i++) {
      RuntimeException itemFailure = trySerialize(items[i]);
      if (itemFailure != null) {
        return new SerializationException(
            "Cannot serialize argument "
                + (firstIndex + i)
                + " of type "
                + items[i].getClass().getName()
                + ": "
                + itemFailure.getMessage()
                + ". Pass plain data (records, collections, arrays, strings, numbers), mark"
                + " fields that cannot cross processes transient, or give the serializer a"
                + " serializer for the type.",
            itemFailure);
      }
    }
    return failure instanceof SerializationException
        ? (SerializationException) failure
        : new SerializationException("Cannot serialize the task: " + failure, failure);
  }

  private RuntimeException trySerialize(Object value) {
    try {
      serializer.serialize(value, new FrameWriter(256));
      return null;
    } catch (RuntimeException e) {
      return e;
    } catch (IOException e) {
      return new UncheckedIOException(e);
    }
  }

  /**
   * Serializes the pool's initializer into an INIT frame, once, so that an initializer that cannot
   * be sent fails {@code build()}.
   *
   * @param initializer the initializer, or {@code null}
   * @throws SerializationException if it cannot be serialized
   */
  FrameWriter encodeInitializer(Object initializer) {
    try {
      return InitFrame.write(serializer, initializer);
    } catch (RuntimeException e) {
      throw new SerializationException(
          "Cannot serialize the pool's initializer, "
              + describe(initializer)
              + ": "
              + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String describe(Object function) {
    Class<?> type = function.getClass();
    String name = type.getName();
    int lambda = name.indexOf("$$Lambda");
    return lambda > 0
        ? "a lambda or method reference declared in " + name.substring(0, lambda)
        : "an instance of " + name;
  }
}
