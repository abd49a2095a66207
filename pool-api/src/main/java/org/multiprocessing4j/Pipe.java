package org.multiprocessing4j;

import java.util.Objects;

/**
 * The two ends of a pipe: what Python's {@code Pipe()} returns, created with {@link Manager#pipe()}
 * or {@link Manager#pipe(boolean)}. What is sent on one end is received on the other. A duplex pipe
 * carries messages both ways; a one-way pipe's {@code first} end only receives and its {@code
 * second} end only sends, as in Python's {@code reader, writer = Pipe(duplex=False)}.
 *
 * @param first Python's {@code conn1}
 * @param second Python's {@code conn2}
 * @param <T> the type of the messages
 */
public record Pipe<T>(Connection<T> first, Connection<T> second) {

  /** Checks that both ends are given. */
  public Pipe {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
  }
}
