package org.multiprocessing4j.core.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * How a waiting call carries its timeout: nanoseconds, 0 for "answer now", {@link #FOREVER} for no
 * timeout.
 */
final class WaitTime {
  static final long FOREVER = -1;

  private WaitTime() {}

  /**
   * The nanoseconds of {@code timeout}: 0 for zero and negative ones (do not wait, as {@link
   * java.util.concurrent.BlockingQueue#poll(long, java.util.concurrent.TimeUnit)} does), the
   * largest long for those too long to count in nanoseconds.
   *
   * @throws NullPointerException if {@code timeout} is null
   */
  static long nanos(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      return 0;
    }
    try {
      return timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
