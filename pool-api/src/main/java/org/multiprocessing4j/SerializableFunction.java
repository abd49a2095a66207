package org.multiprocessing4j;

import java.io.Serializable;

/**
 * A function of one argument that runs in a worker JVM: the {@code func} of Python's {@code
 * pool.map(func, iterable)}. Unlike {@link java.util.function.Function} it may throw checked
 * exceptions; they reach the caller as the cause of an {@link
 * java.util.concurrent.ExecutionException}.
 *
 * <p>See {@link SerializableCallable} for what may be captured.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Serializable {
  /**
   * Applies this function.
   *
   * @param argument the argument, as deserialized in the worker
   * @return the result, which is serialized back to the caller
   * @throws Exception if the function fails
   */
  R apply(T argument) throws Exception;
}
