package org.multiprocessing4j;

/**
 * One value shared by the parent and its child processes: Python's {@code Manager().Value} and
 * {@code multiprocessing.Value}. Create one with {@link Manager#value(Object)}.
 *
 * <p>{@link #update} changes the value atomically in the process that owns it, which Python's
 * {@code v.value += 1} (a read, then a write) does not.
 *
 * <p>Implementations are thread-safe.
 *
 * @param <T> the type of the value
 */
public interface Value<T> {

  /**
   * Returns a copy of the value: Python's {@code v.value}.
   *
   * @return the value
   * @throws IllegalStateException if the value's {@link Manager} is closed or cannot be reached
   */
  T get();

  /**
   * Replaces the value: Python's {@code v.value = x}.
   *
   * @param value the new value; may be null
   * @throws SerializationException if {@code value} cannot be serialized
   * @throws IllegalStateException if the value's {@link Manager} is closed or cannot be reached
   */
  void set(T value);

  /**
   * Replaces the value with {@code function} applied to it, atomically: no other process sees or
   * changes the value in between. The function runs in the process that created the value.
   *
   * @param function computes the new value from the old; must not block
   * @return the new value
   * @throws SerializationException if {@code function} or the value cannot be serialized
   * @throws IllegalStateException if the value's {@link Manager} is closed or cannot be reached
   * @throws java.util.concurrent.CompletionException if {@code function} threw; its cause is what
   *     it threw (rebuilt here as in {@link AsyncResult#get()} when the value lives in another
   *     process), and the value is unchanged
   */
  T update(SerializableFunction<T, T> function);
}
