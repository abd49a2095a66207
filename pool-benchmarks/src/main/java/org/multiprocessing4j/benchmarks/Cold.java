package org.multiprocessing4j.benchmarks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cold sample ({@code Harness --cold --impls <side>}): what a user's program sees the first
 * time, in this fresh JVM, with nothing run before the pool. The pool is built and timed until its
 * first {@code apply} returns ({@code cold_pool_start_ms}), then its first {@code map} of 1M ints
 * at the default chunksize is timed ({@code cold_map_items_per_s_default_chunksize}): no warm-up
 * pass, no quiet-host wait. peers.py {@code --cold} measures the Python sides the same way;
 * run-all.sh starts a fresh process per sample.
 */
final class Cold {
  private Cold() {}

  static void run(Harness.Options options) throws Exception {
    if (options.impls.size() != 1) {
      throw new IllegalArgumentException(
          "--cold measures one side per JVM (the second would not be cold): give one --impls,"
              + " not "
              + options.impls);
    }
    String side = options.impls.get(0);
    Harness.Impl impl = Harness.Impl.named(side, options.workerJvmOptions);
    int procs = 2;
    int n = Harness.scaled(1_000_000, options.scale, 100);
    HostMeter meter = new HostMeter();
    long t0 = System.nanoTime();
    Instant buildAt = Instant.now();
    Subject pool = impl.start(procs);
    Object first;
    long t1;
    Instant firstResultAt;
    long t2;
    long t3;
    List<Long> out;
    try {
      first = pool.apply(1);
      t1 = System.nanoTime();
      firstResultAt = Instant.now();
      t2 = System.nanoTime();
      out = pool.mapSquare(n, 0);
      t3 = System.nanoTime();
    } finally {
      pool.close();
    }
    check(Integer.valueOf(1).equals(first), "first apply(identity, 1) returned " + first);
    check(out.size() == n && out.get(n - 1) == (long) (n - 1) * (n - 1), "cold map result");

    Map<String, Object> res = new LinkedHashMap<>();
    res.put("library", impl.description());
    Map<String, Object> start = new LinkedHashMap<>();
    start.put("value", Stats.round((t1 - t0) / 1e6, 2));
    start.put("unit", "ms");
    start.put(
        "what",
        "Pool("
            + procs
            + ") build() until the first apply(identity, 1) returns, in a fresh JVM with nothing"
            + " run before");
    res.put("cold_pool_start_ms", start);
    Map<String, Object> map = new LinkedHashMap<>();
    double seconds = (t3 - t2) / 1e9;
    map.put("value", Stats.round(n / seconds, 1));
    map.put("unit", "items/s");
    map.put("items", n);
    map.put("chunksize", Subject.defaultChunksize(n, procs));
    map.put("seconds", Stats.round(seconds, 4));
    map.put(
        "what",
        "the pool's first map(square, range(n)) at the default chunksize, right after its first"
            + " result");
    res.put("cold_map_items_per_s", map);
    Double launchToBuild = sinceLaunchMs(buildAt);
    Double launchToFirst = sinceLaunchMs(firstResultAt);
    res.put("launch_to_build_ms", launchToBuild);
    res.put("launch_to_first_result_ms", launchToFirst);
    res.put("host", meter.read());

    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("cold_pool_start_ms", start.get("value"));
    summary.put("cold_map_items_per_s_default_chunksize", map.get("value"));
    summary.put("cold_launch_to_first_result_ms", launchToFirst);
    summary.put("host_foreign_cpus_avg", ((Map<?, ?>) res.get("host")).get("foreign_cpus_avg"));

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "multiprocessing4j-harness-cold");
    result.put("schema_version", 1);
    result.put("meta", Harness.meta());
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("procs", procs);
    config.put("scale", options.scale);
    config.put("map_items", n);
    config.put("worker_jvm_options", options.workerJvmOptions);
    result.put("config", config);
    result.put("results", Map.of(side, res));
    result.put("summary", Map.of(side, summary));
    result.put("summary_best", Map.of(side, summary));
    Harness.log(side + ": cold -> " + summary);
    Json.emit(result, options.out);
  }

  /**
   * Milliseconds from the launch of this JVM as run-all.sh recorded it ({@code BENCH_LAUNCH_NS},
   * epoch nanoseconds taken just before {@code exec java}), or null when run by hand.
   */
  private static Double sinceLaunchMs(Instant at) {
    String launched = System.getenv("BENCH_LAUNCH_NS");
    if (launched == null || launched.isBlank()) {
      return null;
    }
    long atNs = at.getEpochSecond() * 1_000_000_000L + at.getNano();
    return Stats.round((atNs - Long.parseLong(launched.trim())) / 1e6, 2);
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }
}
