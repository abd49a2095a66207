package org.multiprocessing4j;

import java.io.Serializable;

/**
 * A function of two arguments that runs in a worker JVM: the {@code func} of Python's {@code
 * pool.starmap(func, [(a, b), ...])}.
 *
 * <p>See {@link SerializableCallable} for what may be captured.
 *
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends Serializable {
  /**
   * Applies this function.
   *
   * @param first the first argument
   * @param second the second argument
   * @return the result
   * @throws Exception if the function fails
   */
  R apply(A first, B second) throws Exception;
}
