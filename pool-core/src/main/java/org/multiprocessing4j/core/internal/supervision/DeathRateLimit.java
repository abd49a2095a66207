package org.multiprocessing4j.core.internal.supervision;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Counts unexpected worker deaths in a sliding window, so that a pool whose workers keep dying
 * stops replacing them and says why, instead of looping (billiard's restart-frequency cap).
 */
final class DeathRateLimit {
  private final int maxDeaths;
  private final long windowNanos;
  private final ArrayDeque<Long> deaths = new ArrayDeque<>();

  DeathRateLimit(int maxDeaths, Duration window) {
    this.maxDeaths = maxDeaths;
    this.windowNanos = window.toNanos();
  }

  /** Records a death at {@code now}; returns whether the window now holds too many. */
  synchronized boolean recordAndCheck(long now) {
    deaths.add(now);
    while (now - deaths.peek() > windowNanos) {
      deaths.poll();
    }
    return deaths.size() > maxDeaths;
  }

  String describe() {
    return maxDeaths + " in " + Duration.ofNanos(windowNanos).toSeconds() + " s";
  }
}
