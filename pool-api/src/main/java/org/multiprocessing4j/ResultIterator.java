package org.multiprocessing4j;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The results of {@link Pool#imap} or {@link Pool#imapUnordered}, delivered as they are ready:
 * Python's {@code IMapIterator}.
 *
 * <p>The input is consumed lazily, on the thread that calls {@code hasNext}/{@code next}, with a
 * bounded number of tasks in flight, so an infinite input works and memory stays flat. The iterator
 * is meant for one consuming thread.
 *
 * <p>A failed task does not end the iteration: its position raises the failure, and the next call
 * moves on to the following result, as in Python. An exception thrown by the input iterator is
 * raised at its position, after the results that precede it, and ends the iteration.
 *
 * <p>{@link #close()} stops feeding the input and cancels the tasks not yet consumed.
 *
 * <p>It is not an {@link Iterable}: it can be walked once only, and being both would make {@code
 * pool.imap(f, results)} ambiguous between the {@code Iterable} and {@code Iterator} overloads.
 * Walk it with {@link #forEachRemaining}, or as a {@link #stream()}.
 *
 * @param <R> the result type
 */
public interface ResultIterator<R> extends Iterator<R>, AutoCloseable {

  /**
   * Returns whether another result (or failure) remains. May block until the input iterator answers
   * or until a task completes.
   *
   * @throws CompletionException if the thread is interrupted while waiting, with the {@link
   *     InterruptedException} as its cause (the interrupt status is restored)
   */
  @Override
  boolean hasNext();

  /**
   * Waits for and returns the next result.
   *
   * @throws NoSuchElementException if no result remains
   * @throws CompletionException if the task at this position failed, or the input iterator threw at
   *     this position, with that failure as its cause; the convention of {@link
   *     java.util.concurrent.CompletableFuture#join()}
   */
  @Override
  R next();

  /**
   * Waits at most {@code timeout} for the next result: Python's {@code next(timeout)}. On timeout
   * the position is not consumed and a later call may return it.
   *
   * @param timeout how long to wait at most
   * @return the next result
   * @throws NoSuchElementException if no result remains
   * @throws ExecutionException if the task at this position failed, or the input iterator threw at
   *     this position, with that failure as its cause
   * @throws TimeoutException if no result is ready within {@code timeout}
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  R next(Duration timeout) throws ExecutionException, TimeoutException, InterruptedException;

  /**
   * Returns the remaining results as a sequential, ordered {@link Stream}, in this iterator's order
   * (input order for {@code imap}, completion order for {@code imapUnordered}). The stream is lazy:
   * it pulls results, and so reads the input, only as its terminal operation asks for them, so
   * {@code pool.imap(f, infinite).stream().limit(10)} works. Closing the stream {@linkplain
   * #close() closes} this iterator, cancelling what was not consumed: use try-with-resources when
   * the stream may stop early ({@code limit}, {@code findFirst}, {@code anyMatch}, an exception). A
   * failed position throws the {@link CompletionException} of {@link #next()} out of the terminal
   * operation.
   *
   * @return a stream over the remaining results
   */
  default Stream<R> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
        .onClose(this::close);
  }

  /** Stops consuming the input and cancels every task whose result was not consumed. */
  @Override
  void close();
}
