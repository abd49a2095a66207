package org.multiprocessing4j.core.internal.shared;

import java.time.Duration;
import java.util.Objects;

/**
 * How a call that may wait carries its timeout: nanoseconds, 0 for "answer now", {@link #FOREVER}
 * for no timeout.
 */
final class WaitTime {
  /** No timeout; also what a timeout too long to count in nanoseconds (292 years) becomes. */
  static final long FOREVER = Long.MAX_VALUE;

  private WaitTime() {}

  /**
   * The nanoseconds of {@code timeout}: 0 for zero and negative ones (do not wait, as {@link
   * java.util.concurrent.BlockingQueue#poll(long, java.util.concurrent.TimeUnit)} does), {@link
   * #FOREVER} for those too long to count in nanoseconds.
   *
   * @throws NullPointerException if {@code timeout} is null
   */
  static long nanos(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      return 0;
    }
    try {
      return timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      return FOREVER;
    }
  }
}
