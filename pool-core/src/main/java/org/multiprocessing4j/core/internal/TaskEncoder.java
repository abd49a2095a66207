package org.multiprocessing4j.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.spi.Serializer;

/**
 * Serializes tasks on the submitting thread, so that an object that cannot cross to a worker fails
 * the call that submitted it, with a message that says which object and how to fix it.
 */
final class TaskEncoder {
  private final Serializer serializer;
  private final int maxFrameSize;
  private final AtomicLong taskIds = new AtomicLong();

  TaskEncoder(Serializer serializer, int maxFrameSize) {
    this.serializer = serializer;
    this.maxFrameSize = maxFrameSize;
  }

  /**
   * Builds a TASK frame: task id, then the serialized {@code Object[] {function, items}}.
   *
   * @throws SerializationException if the function or an item cannot be serialized, or the frame is
   *     too large
   */
  Task encode(
      Object function, Object[] items, int firstIndex, TaskListener listener, TaskPolicy policy) {
    long id = taskIds.incrementAndGet();
    FrameWriter frame = new FrameWriter(256);
    frame.writeByte(Protocol.TASK).writeLong(id);
    try {
      serializer.serialize(new Object[] {function, items}, frame);
    } catch (RuntimeException e) {
      throw explain(function, items, firstIndex, e);
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

  private SerializationException explain(
      Object function, Object[] items, int firstIndex, RuntimeException failure) {
    RuntimeException functionFailure = trySerialize(function);
    if (functionFailure != null) {
      return new SerializationException(
          "Cannot serialize the task function, "
              + describe(function)
              + ": "
              + functionFailure.getMessage()
              + ". Write it against one of the pool's Serializable interfaces, and make"
              + " everything it captures serializable (a lambda that uses instance members"
              + " captures 'this').",
          functionFailure);
    }
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

  static String describe(Object function) {
    Class<?> type = function.getClass();
    String name = type.getName();
    int lambda = name.indexOf("$$Lambda");
    return lambda > 0
        ? "a lambda or method reference declared in " + name.substring(0, lambda)
        : "an instance of " + name;
  }
}
