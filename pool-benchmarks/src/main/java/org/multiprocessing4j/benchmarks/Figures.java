package org.multiprocessing4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * python_baseline.py's measurements, one method per figure, with the same sizes, warm-ups and
 * statistics. Every pool is created and warmed up before the timed part (except for {@code
 * pool_start_ms}), and closed ({@code terminate}) after it, untimed.
 */
final class Figures {
  /** The n of the Process figure: one child, and ten at once. */
  static final List<Integer> PROCESS_COUNTS = List.of(1, 10);

  /** The pool sizes of issue 10's figure. */
  static final List<Integer> LONG_TASK_COUNTS = List.of(2, 3, 4);

  private Figures() {}

  static Map<String, Object> run(String name, Harness.Impl impl, Map<String, Object> cfg)
      throws Exception {
    return switch (name) {
      case "pool_start_ms" -> poolStart(impl, cfg);
      case "apply_rtt_us" -> applyRtt(impl, cfg);
      case "apply_async_throughput_per_s" -> applyAsync(impl, cfg);
      case "map_small_items_per_s" -> map(impl, cfg);
      case "imap_unordered_items_per_s" -> imapUnordered(impl, cfg);
      case "large_payload_MBps" -> largePayload(impl, cfg);
      case "cpu_bound_speedup" -> cpuBound(impl, cfg);
      case "queue_msgs_per_s" ->
          impl.messaging().queue(num(cfg, "queue_msgs"), num(cfg, "repeats"));
      case "pipe_msgs_per_s" -> impl.messaging().pipe(num(cfg, "pipe_msgs"), num(cfg, "repeats"));
      case "pipe_bytes_MBps" ->
          impl.messaging()
              .pipeBytes(
                  num(cfg, "pipe_block_bytes"), num(cfg, "pipe_blocks"), num(cfg, "repeats"));
      case "manager_dict_ops_per_s" ->
          impl.messaging().managerDict(num(cfg, "manager_sets"), num(cfg, "manager_reps"));
      case "process_start_join_ms" ->
          impl.processes().startJoin(PROCESS_COUNTS, num(cfg, "process_reps"));
      case "long_tasks_after_build" -> longTasks(impl, cfg);
      default -> throw new IllegalArgumentException("no measurement for " + name);
    };
  }

  private static int num(Map<String, Object> cfg, String key) {
    return ((Number) cfg.get(key)).intValue();
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  static Map<String, Object> poolStart(Harness.Impl impl, Map<String, Object> cfg)
      throws Exception {
    int reps = num(cfg, "pool_start_reps");
    double[] times = new double[reps];
    for (int i = 0; i < reps; i++) {
      System.gc();
      long t0 = System.nanoTime();
      Subject pool = impl.start(num(cfg, "procs"));
      Object r;
      try {
        r = pool.apply(1);
        times[i] = (System.nanoTime() - t0) / 1e6;
      } finally {
        pool.close();
      }
      check(Integer.valueOf(1).equals(r), "apply(identity, 1) returned " + r);
    }
    Map<String, Object> out = Stats.stats(times, 2);
    out.put("unit", "ms");
    out.put(
        "what", "Pool(2) construction until first apply(identity, 1) returns; terminate not timed");
    return out;
  }

  static Map<String, Object> applyRtt(Harness.Impl impl, Map<String, Object> cfg) throws Exception {
    int n = num(cfg, "rtt_calls");
    int warm = num(cfg, "rtt_warmup");
    double[] lat = new double[n];
    try (Subject pool = impl.start(num(cfg, "procs"))) {
      for (int i = 0; i < warm; i++) {
        pool.apply(i);
      }
      System.gc();
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        Object r = pool.apply(i);
        lat[i] = (System.nanoTime() - t0) / 1e3;
        check(Integer.valueOf(i).equals(r), "apply returned " + r);
      }
    }
    double[] s = lat.clone();
    Arrays.sort(s);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("unit", "us");
    out.put("median", Stats.round(Stats.median(s), 1));
    out.put("p99", Stats.round(Stats.percentile(s, 99), 1));
    out.put("p90", Stats.round(Stats.percentile(s, 90), 1));
    out.put("mean", Stats.round(Arrays.stream(s).average().orElse(Double.NaN), 1));
    out.put("min", Stats.round(s[0], 1));
    out.put("max", Stats.round(s[s.length - 1], 1));
    out.put("n", n);
    out.put("warmup", warm);
    return out;
  }

  static Map<String, Object> applyAsync(Harness.Impl impl, Map<String, Object> cfg)
      throws Exception {
    int n = num(cfg, "async_tasks");
    int reps = num(cfg, "repeats");
    double[] times = new double[reps];
    try (Subject pool = impl.start(num(cfg, "procs"))) {
      pool.applyAsyncAll(1000); // warm-up
      for (int i = 0; i < reps; i++) {
        System.gc();
        long t0 = System.nanoTime();
        long total = pool.applyAsyncAll(n);
        times[i] = (System.nanoTime() - t0) / 1e9;
        check(total == (long) n * (n - 1) / 2, "apply_async sum " + total);
      }
    }
    Map<String, Object> out = Stats.rateStats(n, times);
    out.put("unit", "tasks/s");
    out.put("tasks", n);
    return out;
  }

  static Map<String, Object> map(Harness.Impl impl, Map<String, Object> cfg) throws Exception {
    int n = num(cfg, "map_items");
    int reps = num(cfg, "repeats");
    int procs = num(cfg, "procs");
    long expectedLast = (long) (n - 1) * (n - 1);
    Map<String, Object> res = new LinkedHashMap<>();
    try (Subject pool = impl.start(procs)) {
      pool.mapSquare(10000, 0); // warm-up
      for (int chunksize : new int[] {0, 10000}) {
        double[] times = new double[reps];
        for (int i = 0; i < reps; i++) {
          System.gc();
          long t0 = System.nanoTime();
          List<Long> out = pool.mapSquare(n, chunksize);
          times[i] = (System.nanoTime() - t0) / 1e9;
          check(out.size() == n && out.get(n - 1) == expectedLast, "map result");
        }
        Map<String, Object> r = Stats.rateStats(n, times);
        r.put("unit", "items/s");
        r.put("items", n);
        r.put("chunksize", chunksize > 0 ? chunksize : Subject.defaultChunksize(n, procs));
        res.put(chunksize > 0 ? "chunksize_10000" : "default_chunksize", r);
      }
    }
    return res;
  }

  static Map<String, Object> imapUnordered(Harness.Impl impl, Map<String, Object> cfg)
      throws Exception {
    int n = num(cfg, "imap_items");
    int reps = num(cfg, "repeats");
    int cs = 1000;
    double[] times = new double[reps];
    try (Subject pool = impl.start(num(cfg, "procs"))) {
      pool.imapUnorderedSquare(10000, cs); // warm-up
      for (int i = 0; i < reps; i++) {
        System.gc();
        long t0 = System.nanoTime();
        long count = pool.imapUnorderedSquare(n, cs);
        times[i] = (System.nanoTime() - t0) / 1e9;
        check(count == n, "imap_unordered count " + count);
      }
    }
    Map<String, Object> out = Stats.rateStats(n, times);
    out.put("unit", "items/s");
    out.put("items", n);
    out.put("chunksize", cs);
    return out;
  }

  static Map<String, Object> largePayload(Harness.Impl impl, Map<String, Object> cfg)
      throws Exception {
    int size = num(cfg, "payload_bytes");
    int reps = num(cfg, "payload_reps");
    byte[] payload = new byte[size];
    double[] times = new double[reps];
    try (Subject pool = impl.start(num(cfg, "procs"))) {
      check(((byte[]) pool.apply(payload)).length == size, "warm-up payload"); // warm-up
      for (int i = 0; i < reps; i++) {
        System.gc();
        long t0 = System.nanoTime();
        byte[] r = (byte[]) pool.apply(payload);
        times[i] = (System.nanoTime() - t0) / 1e9;
        check(r.length == size, "payload length " + r.length);
      }
    }
    double[] rates = new double[reps];
    double[] ms = new double[reps];
    for (int i = 0; i < reps; i++) {
      rates[i] = size / (double) Harness.MIB / times[i];
      ms[i] = times[i] * 1e3;
    }
    Map<String, Object> out = Stats.stats(rates, 1);
    out.put(
        "unit", "MiB/s (payload MiB / round-trip seconds; each direction's payload counted once)");
    out.put("payload_bytes", size);
    out.put("round_trip_ms", Stats.stats(ms, 2));
    return out;
  }

  static Map<String, Object> cpuBound(Harness.Impl impl, Map<String, Object> cfg) throws Exception {
    int items = num(cfg, "cpu_items");
    int work = num(cfg, "cpu_work_n");
    int reps = num(cfg, "cpu_reps");
    List<Integer> args = Collections.nCopies(items, work);
    long expected = Work.cpuWork(work);
    double[] serial = new double[reps];
    double[] parallel = new double[reps];
    try (Subject pool = impl.start(num(cfg, "procs"))) {
      pool.mapCpuWork(4, work); // warm-up
      for (int i = 0; i < reps; i++) {
        System.gc();
        long t0 = System.nanoTime();
        List<Long> out = new ArrayList<>(items);
        for (Integer a : args) {
          out.add(Work.cpuWork(a));
        }
        serial[i] = (System.nanoTime() - t0) / 1e9;
        check(out.get(0) == expected, "serial result");
        System.gc();
        t0 = System.nanoTime();
        out = pool.mapCpuWork(items, work);
        parallel[i] = (System.nanoTime() - t0) / 1e9;
        check(out.size() == items && out.get(items - 1) == expected, "pool result");
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("speedup", Stats.round(Stats.median(serial) / Stats.median(parallel), 3));
    r.put("serial_s", Stats.stats(serial, 4));
    r.put("pool_map_s", Stats.stats(parallel, 4));
    r.put("items", items);
    r.put("work", "cpu_work(" + work + ") = sum of i*i for i in [0, " + work + "), long");
    r.put("procs", num(cfg, "procs"));
    r.put(
        "note",
        "speedup = median serial time / median Pool(2).map time (pool pre-started, default"
            + " chunksize)");
    return r;
  }

  /**
   * Issue 10: {@code Pool(n)} for n = 2, 3, 4, and at once {@code map(sleepPid, n items, chunksize
   * 1)}, timed from after {@code build()} returned; how many distinct workers ran the n tasks.
   */
  static Map<String, Object> longTasks(Harness.Impl impl, Map<String, Object> cfg)
      throws Exception {
    int reps = num(cfg, "long_task_reps");
    double seconds = ((Number) cfg.get("long_task_s")).doubleValue();
    int millis = (int) Math.round(seconds * 1000);
    Map<String, Object> res = new LinkedHashMap<>();
    for (int n : LONG_TASK_COUNTS) {
      double[] walls = new double[reps];
      double[] pids = new double[reps];
      for (int rep = 0; rep < reps; rep++) {
        System.gc();
        List<Long> out;
        try (Subject pool = impl.start(n)) {
          long t0 = System.nanoTime();
          out = pool.mapSleepPid(n, millis);
          walls[rep] = (System.nanoTime() - t0) / 1e9;
        }
        check(out.size() == n, "long tasks: " + out.size() + " results for " + n);
        pids[rep] = new java.util.HashSet<>(out).size();
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("wall_s", Stats.stats(walls, 3));
      r.put("distinct_pids", Stats.stats(pids, 1));
      r.put("tasks", n);
      res.put("n" + n, r);
    }
    res.put(
        "what",
        "Pool(n) built, then at once map(sleep "
            + seconds
            + " s and return the pid, n items, chunksize 1), timed from after build() returned;"
            + " distinct_pids = how many workers ran them");
    res.put("task_s", seconds);
    return res;
  }

  private static boolean failed(Map<String, Object> r) {
    return r.containsKey("error")
        || r.containsKey("not_implemented")
        || r.containsKey("not_supported")
        || r.containsKey("not_measured");
  }

  /** Python's {@code headline}. */
  static Map<String, Object> headline(String name, Map<String, Object> r) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean failed = failed(r);
    switch (name) {
      case "process_start_join_ms" -> perCount(out, r, failed, "median");
      case "long_tasks_after_build" -> longTaskHeadline(out, r, failed, "median", "median");
      case "apply_rtt_us" -> {
        out.put("apply_rtt_us_median", failed ? null : r.get("median"));
        out.put("apply_rtt_us_p99", failed ? null : r.get("p99"));
      }
      case "map_small_items_per_s" -> {
        out.put(
            "map_small_items_per_s_default_chunksize",
            failed ? null : sub(r, "default_chunksize", "median"));
        out.put(
            "map_small_items_per_s_chunksize_10000",
            failed ? null : sub(r, "chunksize_10000", "median"));
      }
      case "cpu_bound_speedup" -> out.put(name, failed ? null : r.get("speedup"));
      default -> out.put(name, failed ? null : r.get("median"));
    }
    return out;
  }

  /** Python's {@code headline_best}. */
  static Map<String, Object> headlineBest(String name, Map<String, Object> r) {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean failed = failed(r);
    switch (name) {
      case "process_start_join_ms" -> perCount(out, r, failed, "min");
      case "long_tasks_after_build" -> longTaskHeadline(out, r, failed, "min", "max");
      case "pool_start_ms" -> out.put(name, failed ? null : r.get("min"));
      case "apply_rtt_us" -> out.put("apply_rtt_us_min", failed ? null : r.get("min"));
      case "map_small_items_per_s" -> {
        out.put(
            "map_small_items_per_s_default_chunksize",
            failed ? null : sub(r, "default_chunksize", "max"));
        out.put(
            "map_small_items_per_s_chunksize_10000",
            failed ? null : sub(r, "chunksize_10000", "max"));
      }
      case "cpu_bound_speedup" -> {
        if (failed) {
          out.put(name, null);
        } else {
          double serialMin = ((Number) sub(r, "serial_s", "min")).doubleValue();
          double poolMin = ((Number) sub(r, "pool_map_s", "min")).doubleValue();
          out.put(name, Stats.round(serialMin / poolMin, 3));
        }
      }
      default -> out.put(name, failed ? null : r.get("max"));
    }
    return out;
  }

  private static void perCount(
      Map<String, Object> out, Map<String, Object> r, boolean failed, String field) {
    for (int n : PROCESS_COUNTS) {
      out.put("process_start_join_ms_n" + n, failed ? null : sub(r, "n" + n, field));
    }
  }

  /** {@code long_tasks_wall_s_n<n>} and {@code long_tasks_distinct_pids_n<n>}. */
  @SuppressWarnings("unchecked")
  private static void longTaskHeadline(
      Map<String, Object> out,
      Map<String, Object> r,
      boolean failed,
      String wallField,
      String pidsField) {
    for (int n : LONG_TASK_COUNTS) {
      Map<String, Object> row = failed ? null : (Map<String, Object>) r.get("n" + n);
      out.put("long_tasks_wall_s_n" + n, row == null ? null : sub(row, "wall_s", wallField));
      out.put(
          "long_tasks_distinct_pids_n" + n,
          row == null ? null : sub(row, "distinct_pids", pidsField));
    }
  }

  @SuppressWarnings("unchecked")
  private static Object sub(Map<String, Object> r, String key, String field) {
    return ((Map<String, Object>) r.get(key)).get(field);
  }
}
