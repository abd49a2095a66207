package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Value.GET;
import static org.multiprocessing4j.core.internal.wire.Operations.Value.SET;
import static org.multiprocessing4j.core.internal.wire.Operations.Value.UPDATE;

import java.util.Objects;
import org.multiprocessing4j.SerializableFunction;
import org.multiprocessing4j.Value;

/** A {@link Value} whose state lives in a {@link SharedValue}, wherever its manager is. */
final class ValueProxy<T> extends ObjectProxy implements Value<T> {
  ValueProxy(long id) {
    super(id);
  }

  @Override
  public T get() {
    return decode(callPromptly(frame(GET, 0)));
  }

  @Override
  public void set(T value) {
    callPromptly(encode(value, frame(SET, 64)));
  }

  @Override
  public T update(SerializableFunction<T, T> function) {
    Objects.requireNonNull(function, "function");
    return decode(callPromptly(encode(function, frame(UPDATE, 256))));
  }

  @Override
  public String toString() {
    return "shared Value " + Long.toHexString(id);
  }
}
