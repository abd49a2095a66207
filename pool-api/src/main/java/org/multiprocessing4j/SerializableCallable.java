package org.multiprocessing4j;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task without arguments that runs in a worker JVM and returns a value.
 *
 * <p>It is {@link Serializable} so that a lambda or method reference written where this type is
 * expected can be sent to another JVM: {@code pool.apply(() -> expensive(42))}. Values the lambda
 * captures are sent with it. The class that declares the lambda must be on the worker's classpath,
 * as in Python, where a function's module must be importable in the child.
 *
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableCallable<R> extends Callable<R>, Serializable {}
