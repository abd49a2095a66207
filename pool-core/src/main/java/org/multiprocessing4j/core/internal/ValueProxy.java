package org.multiprocessing4j.core.internal;

import java.util.Objects;
import org.multiprocessing4j.SerializableFunction;
import org.multiprocessing4j.Value;

/** A {@link Value} whose state lives in a {@link SharedValue}, wherever its manager is. */
final class ValueProxy<T> extends ObjectProxy implements Value<T> {
  static final int GET = 1;
  static final int SET = 2;
  static final int UPDATE = 3;

  ValueProxy(long id) {
    super(id);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get() {
    ObjectLink link = link();
    return (T) ProxyCalls.decode(link, ProxyCalls.prompt(link, Call.frame(id, GET, 0)));
  }

  @Override
  public void set(T value) {
    ObjectLink link = link();
    ProxyCalls.prompt(link, Encoded.write(link.serializer(), value, Call.frame(id, SET, 64)));
  }

  @Override
  @SuppressWarnings("unchecked")
  public T update(SerializableFunction<T, T> function) {
    Objects.requireNonNull(function, "function");
    ObjectLink link = link();
    FrameWriter call = Encoded.write(link.serializer(), function, Call.frame(id, UPDATE, 256));
    return (T) ProxyCalls.decode(link, ProxyCalls.prompt(link, call));
  }

  @Override
  public String toString() {
    return "shared Value " + Long.toHexString(id);
  }
}
