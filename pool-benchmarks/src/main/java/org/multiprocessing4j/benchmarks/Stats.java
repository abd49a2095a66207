package org.multiprocessing4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The statistics of python_baseline.py: median, min, max, nearest-rank percentiles, rounding. */
final class Stats {
  private Stats() {}

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
  }

  /** Nearest rank, as the Python script: {@code s[max(0, ceil(p/100 * n) - 1)]}. */
  static double percentile(double[] sorted, double p) {
    int k = Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[k];
  }

  static double round(double x, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(x * scale) / scale;
  }

  static List<Double> rounded(double[] values, int digits) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(round(v, digits));
    }
    return out;
  }

  /** Python's {@code stats(samples, nd)}. */
  static Map<String, Object> stats(double[] samples, int digits) {
    double[] s = samples.clone();
    Arrays.sort(s);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("median", round(median(s), digits));
    out.put("min", round(s[0], digits));
    out.put("max", round(s[s.length - 1], digits));
    out.put("n", s.length);
    out.put("samples", rounded(samples, digits));
    return out;
  }

  /** Python's {@code rate_stats(items, seconds_list)}: the median of per-run rates. */
  static Map<String, Object> rateStats(long items, double[] seconds) {
    double[] rates = new double[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      rates[i] = items / seconds[i];
    }
    Map<String, Object> out = stats(rates, 1);
    out.put("seconds", rounded(seconds, 4));
    return out;
  }
}
