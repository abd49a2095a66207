package org.multiprocessing4j.examples;

import java.io.PrintStream;

/**
 * Progress of a long job as one line per tenth done, with the rate so far: the demo's stand-in for
 * a progress bar, which takes its place in {@code Thumbnails.progress}, the one place that creates
 * it. Not thread-safe: one thread counts.
 */
final class ProgressLines {
  private static final int STEPS = 10;

  private final String label;
  private final int total;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private int done;
  private int reportedSteps;

  ProgressLines(String label, int total, PrintStream out) {
    if (total < 1) {
      throw new IllegalArgumentException("total must be at least 1, got " + total);
    }
    this.label = label;
    this.total = total;
    this.out = out;
  }

  /** Counts one more item done; prints a line each time another tenth of the total is reached. */
  void advance() {
    done++;
    int steps = (int) ((long) done * STEPS / total);
    if (steps > reportedSteps) {
      reportedSteps = steps;
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(
          "%s: %3d%% (%d/%d), %.1f/s%n", label, done * 100 / total, done, total, done / seconds);
    }
  }
}
