package org.multiprocessing4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.SerializableCallable;

/**
 * Where pool start time goes, and what the startup levers buy, measured without touching library
 * code (everything goes through {@code Pool.builder().jvmOptions(...)}):
 *
 * <ul>
 *   <li>the JVM floor: {@code java -cp <the workers' classpath> Hello}, start to exit;
 *   <li>pool start (build until the first {@code apply} returns) of {@code Pool(2)} and {@code
 *       Pool(1)} with: the defaults, an AppCDS archive of a worker ({@code -XX:SharedArchiveFile},
 *       trained once with {@code -XX:ArchiveClassesAtExit}), C1 only, both, {@code -Xshare:off} and
 *       SerialGC; configurations interleaved in a random order in each round;
 *   <li>a breakdown of one start: parent {@code build()}, spawn until the worker JVM's recorded
 *       start, JVM start until the first task runs in it, and the result's trip back;
 *   <li>classes a worker loads before its first result, and how many come from CDS archives.
 * </ul>
 */
final class Levers {
  private Levers() {}

  static void run(Harness.Options o) throws Exception {
    Path dir = Files.createTempDirectory("mpj-levers-");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("benchmark", "multiprocessing4j-startup-levers");
    out.put("meta", Harness.meta());
    Map<String, Object> results = new LinkedHashMap<>();
    out.put("results", results);
    String transport = o.impls.isEmpty() ? "pipe" : o.impls.get(0);
    out.put("transport", transport);
    out.put(
        "workers_classpath_entries",
        System.getProperty("java.class.path").split(java.io.File.pathSeparator).length);
    out.put(
        "trimmed_classpath_entries", trimmedClasspath().split(java.io.File.pathSeparator).length);

    Harness.log("training an AppCDS archive of a worker ...");
    Path jsa = dir.resolve("worker.jsa");
    long tTrain = System.nanoTime();
    try (Pool pool =
        Pool.builder()
            .processes(1)
            .transport(transport)
            .jvmOptions("-XX:ArchiveClassesAtExit=" + jsa)
            .build()) {
      exercise(pool);
    }
    boolean haveArchive = Files.isRegularFile(jsa);
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("archive", jsa.toString());
    training.put("created", haveArchive);
    training.put("bytes", haveArchive ? Files.size(jsa) : null);
    training.put("training_s", Stats.round((System.nanoTime() - tTrain) / 1e9, 2));
    results.put("appcds_training", training);
    Harness.log("archive " + training);

    Map<String, List<String>> configs = new LinkedHashMap<>();
    configs.put("default", List.of());
    if (haveArchive) {
      configs.put("appcds", List.of("-XX:SharedArchiveFile=" + jsa));
    }
    configs.put("c1_only", List.of("-XX:TieredStopAtLevel=1"));
    if (haveArchive) {
      configs.put(
          "appcds+c1_only", List.of("-XX:SharedArchiveFile=" + jsa, "-XX:TieredStopAtLevel=1"));
    }
    configs.put("xshare_off", List.of("-Xshare:off"));
    // Not a JVM flag: the workers' classpath cut down to what a pipe worker needs (no Netty,
    // JMH, PP4J), through Pool.builder().classpath(...); marked by this pseudo-option.
    configs.put("trimmed_classpath", List.of(TRIMMED));
    if (haveArchive) {
      // Its own archive: an AppCDS archive is tied to the classpath it was trained with.
      Path trimmedJsa = dir.resolve("worker-trimmed.jsa");
      try (Pool pool =
          Pool.builder()
              .processes(1)
              .transport(transport)
              .classpath(trimmedClasspath())
              .jvmOptions("-XX:ArchiveClassesAtExit=" + trimmedJsa)
              .build()) {
        exercise(pool);
      }
      if (Files.isRegularFile(trimmedJsa)) {
        configs.put(
            "trimmed_classpath+appcds+c1_only",
            List.of(TRIMMED, "-XX:SharedArchiveFile=" + trimmedJsa, "-XX:TieredStopAtLevel=1"));
      }
    }
    configs.put("serial_gc", List.of("-XX:+UseSerialGC"));

    // The JVM floor and the pool starts, interleaved.
    List<String> javaCmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Hello.class.getName());
    Map<String, List<Double>> samples = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    keys.add("jvm_floor_hello");
    for (String c : configs.keySet()) {
      keys.add("pool2_" + c);
      keys.add("pool1_" + c);
    }
    keys.forEach(k -> samples.put(k, new ArrayList<>()));
    // One untimed pass warms the parent's own classes.
    startMillis(transport, 2, List.of());
    Random random = new Random(42);
    HostMeter meter = new HostMeter();
    for (int round = 0; round < o.leverRounds; round++) {
      List<String> order = new ArrayList<>(keys);
      Collections.shuffle(order, random);
      Harness.log("levers round " + (round + 1) + "/" + o.leverRounds);
      for (String key : order) {
        HostMeter.waitQuiet(o.gate, 0.25, 0.5);
        double ms;
        if (key.equals("jvm_floor_hello")) {
          long t0 = System.nanoTime();
          Process p = new ProcessBuilder(javaCmd).inheritIO().start();
          p.waitFor();
          ms = (System.nanoTime() - t0) / 1e6;
        } else {
          int processes = key.startsWith("pool2_") ? 2 : 1;
          ms = startMillis(transport, processes, configs.get(key.substring(6)));
        }
        samples.get(key).add(ms);
      }
    }
    Map<String, Object> starts = new LinkedHashMap<>();
    for (String key : keys) {
      double[] s = samples.get(key).stream().mapToDouble(Double::doubleValue).toArray();
      Map<String, Object> st = Stats.stats(s, 2);
      if (key.startsWith("pool")) {
        st.put("jvm_options", configs.get(key.substring(6)));
      }
      starts.put(key, st);
    }
    starts.put("host", meter.read());
    results.put("start_ms", starts);

    // Breakdown of a start, default and with the archive.
    Map<String, Object> breakdown = new LinkedHashMap<>();
    for (String c : haveArchive ? List.of("default", "appcds") : List.of("default")) {
      List<double[]> parts = new ArrayList<>();
      for (int i = 0; i < o.leverRounds; i++) {
        HostMeter.waitQuiet(o.gate, 0.25, 0.5);
        parts.add(breakdown(transport, configs.get(c)));
      }
      String[] names = {
        "parent_build_ms",
        "spawn_to_worker_jvm_start_ms",
        "worker_jvm_start_to_first_task_ms",
        "first_task_to_result_in_parent_ms",
        "total_ms"
      };
      Map<String, Object> b = new LinkedHashMap<>();
      for (int j = 0; j < names.length; j++) {
        final int col = j;
        double[] s = parts.stream().mapToDouble(p -> p[col]).toArray();
        b.put(names[j], Stats.round(Stats.median(s), 1));
      }
      breakdown.put(c, b);
    }
    breakdown.put(
        "note",
        "Pool(1), medians. Worker JVM start = RuntimeMXBean.getStartTime() in the worker (ms"
            + " resolution, recorded early in JVM init); first task = System.currentTimeMillis()"
            + " when the first task runs in the worker.");
    results.put("start_breakdown", breakdown);

    // The 64 MiB figure: the pipe's ceiling between two JVMs, and the pool's split by direction.
    results.put("payload_64mib", payload(transport, o.leverRounds));

    // The apply round trip's floor: one small block ping-ponged over pipes to a child JVM with a
    // single thread on each side, against the pool's apply.
    results.put("rtt_floor", rttFloor(transport));

    // Class loading of one worker until its first result.
    Map<String, Object> loading = new LinkedHashMap<>();
    for (String c : haveArchive ? List.of("default", "appcds") : List.of("default")) {
      Path log = dir.resolve("classload-" + c + ".log");
      List<String> opts = new ArrayList<>(configs.get(c));
      opts.add("-Xlog:class+load=info:file=" + log);
      try (Pool pool = OurSubject.builder(transport, 1, opts).build()) {
        pool.apply(Work::identity, (Object) 1);
      }
      List<String> lines = Files.readAllLines(log);
      long total = lines.size();
      long shared = lines.stream().filter(l -> l.contains("shared objects file")).count();
      long jrt = lines.stream().filter(l -> l.contains("source: jrt:")).count();
      long jars =
          lines.stream().filter(l -> l.contains("source: file:") || l.contains(".jar")).count();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("classes_loaded", total);
      m.put("from_cds_archives", shared);
      m.put("parsed_from_jdk_modules", jrt);
      m.put("parsed_from_classpath_jars", jars);
      m.put("other_generated_or_hidden", total - shared - jrt - jars);
      loading.put(c, m);
    }
    loading.put(
        "note", "Pool(1), one apply(identity, 1), then shutdown; -Xlog:class+load in the worker");
    results.put("worker_class_loading", loading);

    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    Json.emit(out, o.out);
    System.exit(0);
  }

  private static Map<String, Object> payload(String transport, int rounds) throws Exception {
    int size = 64 << 20;
    byte[] payload = new byte[size];
    Map<String, Object> out = new LinkedHashMap<>();
    for (String mode : List.of("readNBytes", "bounded")) {
      double[] t = new double[rounds];
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  PipeEcho.class.getName(),
                  mode.equals("bounded") ? "bounded" : "whole")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try {
        java.io.OutputStream os = new java.io.BufferedOutputStream(p.getOutputStream(), 64 << 10);
        java.io.DataInputStream is =
            new java.io.DataInputStream(
                new java.io.BufferedInputStream(p.getInputStream(), 64 << 10));
        is.read();
        byte[] back = new byte[size];
        for (int i = -1; i < rounds; i++) {
          System.gc();
          long t0 = System.nanoTime();
          new java.io.DataOutputStream(os).writeInt(size);
          for (int off = 0; off < size; off += 1 << 20) {
            os.write(payload, off, Math.min(1 << 20, size - off));
          }
          os.flush();
          int length = is.readInt();
          PipeEcho.readBlock(is, back, mode.equals("bounded"));
          if (i >= 0) {
            t[i] = (System.nanoTime() - t0) / 1e6;
          }
          if (length != size) {
            throw new AssertionError("echo length " + length);
          }
        }
      } finally {
        p.getOutputStream().close();
        p.waitFor();
      }
      Map<String, Object> m = Stats.stats(t, 1);
      m.put("MiB_per_s_median", Stats.round(64 / (Stats.median(t) / 1e3), 1));
      out.put("raw_pipe_echo_round_trip_ms_" + mode, m);
    }
    double[] rt = new double[rounds];
    double[] there = new double[rounds];
    double[] back = new double[rounds];
    try (Pool pool = OurSubject.builder(transport, 1, List.of()).build()) {
      pool.apply(Work::identity, (Object) payload);
      for (int i = 0; i < rounds; i++) {
        System.gc();
        long t0 = System.nanoTime();
        pool.apply(Work::identity, (Object) payload);
        long t1 = System.nanoTime();
        pool.apply(Levers::length, payload);
        long t2 = System.nanoTime();
        pool.apply(Levers::block64MiB);
        long t3 = System.nanoTime();
        rt[i] = (t1 - t0) / 1e6;
        there[i] = (t2 - t1) / 1e6;
        back[i] = (t3 - t2) / 1e6;
      }
    }
    // What a shared-memory path would cost instead: copy in and out of a mapped /dev/shm file
    // (4 copies per round trip), measured in this process; a lower bound, no signalling.
    Path shmDir = Path.of("/dev/shm");
    if (Files.isDirectory(shmDir)) {
      Path shm = Files.createTempFile(shmDir, "mpj-levers-", ".bin");
      try (java.nio.channels.FileChannel ch =
          java.nio.channels.FileChannel.open(
              shm, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
        java.nio.MappedByteBuffer map =
            ch.map(java.nio.channels.FileChannel.MapMode.READ_WRITE, 0, size);
        byte[] copy = new byte[size];
        double[] c = new double[rounds];
        for (int i = -1; i < rounds; i++) {
          long t0 = System.nanoTime();
          for (int k = 0; k < 2; k++) {
            map.clear();
            map.put(payload);
            map.clear();
            map.get(copy);
          }
          if (i >= 0) {
            c[i] = (System.nanoTime() - t0) / 1e6;
          }
        }
        Map<String, Object> m = Stats.stats(c, 1);
        m.put("MiB_per_s_median", Stats.round(64 / (Stats.median(c) / 1e3), 1));
        out.put("shm_four_copies_ms", m);
      } finally {
        Files.deleteIfExists(shm);
      }
    }
    out.put("pool_round_trip_ms", Stats.stats(rt, 1));
    out.put("pool_to_worker_only_ms", Stats.stats(there, 1));
    out.put("pool_from_worker_only_ms", Stats.stats(back, 1));
    out.put(
        "note",
        "raw pipe echo: a child JVM (PipeEcho) echoes one 64 MiB block, same stream stack as the"
            + " pipe transport, no pool and no serialization; readNBytes = one call for the whole"
            + " block as the transport reads frames, bounded = 64 KiB reads. Pool figures: Pool(1)"
            + " on "
            + transport
            + ", apply(identity, payload), apply(length, payload), apply(() -> new byte[64 MiB]).");
    return out;
  }

  static int length(byte[] x) {
    return x.length;
  }

  static byte[] block64MiB() {
    return new byte[64 << 20];
  }

  private static Map<String, Object> rttFloor(String transport) throws Exception {
    int n = 2000;
    int warm = 2000;
    double[] raw = new double[n];
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PipeEcho.class.getName(),
                "bounded")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      java.io.OutputStream os = p.getOutputStream();
      java.io.DataInputStream is = new java.io.DataInputStream(p.getInputStream());
      is.read();
      byte[] msg = {0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8};
      byte[] back = new byte[12];
      for (int i = -warm; i < n; i++) {
        long t0 = System.nanoTime();
        os.write(msg);
        os.flush();
        is.readFully(back);
        if (i >= 0) {
          raw[i] = (System.nanoTime() - t0) / 1e3;
        }
      }
    } finally {
      p.getOutputStream().close();
      p.waitFor();
    }
    double[] pool = new double[n];
    try (Pool pl = OurSubject.builder(transport, 1, List.of()).build()) {
      for (int i = -warm; i < n; i++) {
        long t0 = System.nanoTime();
        pl.apply(Work::identity, (Object) i);
        if (i >= 0) {
          pool[i] = (System.nanoTime() - t0) / 1e3;
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e :
        Map.of("raw_pipe_ping_pong_us", raw, "pool1_apply_us", pool).entrySet()) {
      double[] s = e.getValue().clone();
      java.util.Arrays.sort(s);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("median", Stats.round(Stats.median(s), 1));
      m.put("p90", Stats.round(Stats.percentile(s, 90), 1));
      m.put("p99", Stats.round(Stats.percentile(s, 99), 1));
      m.put("min", Stats.round(s[0], 1));
      out.put(e.getKey(), m);
    }
    out.put(
        "note",
        "2000 warm-up, 2000 timed. raw: 12-byte block echoed by a child JVM (PipeEcho), one thread"
            + " each side, so two wake-ups per round trip; pool: Pool(1).apply(identity, i) on "
            + transport
            + ", whose round trip crosses more threads (submitter, writer, worker reader, worker"
            + " main, worker writer, parent reader, back to the caller)");
    return out;
  }

  /** Marks a configuration that runs workers on {@link #trimmedClasspath()}. */
  private static final String TRIMMED = "(trimmed classpath)";

  private static Pool.Builder builder(String transport, int processes, List<String> options) {
    List<String> jvm = new ArrayList<>(options);
    boolean trimmed = jvm.remove(TRIMMED);
    Pool.Builder b = OurSubject.builder(transport, processes, jvm);
    return trimmed ? b.classpath(trimmedClasspath()) : b;
  }

  /** This JVM's classpath without the jars a pipe worker never loads: Netty, JMH, PP4J. */
  static String trimmedClasspath() {
    String sep = java.io.File.pathSeparator;
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(sep))
        .filter(
            e -> {
              String name = Path.of(e).getFileName().toString();
              return !(name.startsWith("netty-")
                  || name.startsWith("jmh-")
                  || name.startsWith("jopt-")
                  || name.startsWith("commons-math3")
                  || name.startsWith("commons-pool2")
                  || name.startsWith("pp4j")
                  || name.startsWith("transport-socket"));
            })
        .collect(java.util.stream.Collectors.joining(sep));
  }

  private static void exercise(Pool pool) throws Exception {
    for (int i = 0; i < 200; i++) {
      pool.apply(Work::identity, (Object) i);
    }
    List<AsyncResult<Object>> rs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rs.add(pool.applyAsync(Work::identity, (Object) i));
    }
    for (AsyncResult<Object> r : rs) {
      r.get();
    }
    pool.map(Work::square, Work.range(20000));
    pool.map(Work::square, Work.range(20000), 1000);
    try (var it = pool.imapUnordered(Work::square, Work.range(5000), 100)) {
      while (it.hasNext()) {
        it.next();
      }
    }
    pool.apply(Work::identity, (Object) new byte[1 << 20]);
    pool.map(Work::cpuWork, Collections.nCopies(4, 1000));
  }

  private static double startMillis(String transport, int processes, List<String> jvmOptions)
      throws Exception {
    System.gc();
    long t0 = System.nanoTime();
    Pool pool = builder(transport, processes, jvmOptions).build();
    try {
      Object r = pool.apply(Work::identity, (Object) 1);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (!Integer.valueOf(1).equals(r)) {
        throw new AssertionError("apply returned " + r);
      }
      return ms;
    } finally {
      pool.terminate();
    }
  }

  private static double[] breakdown(String transport, List<String> jvmOptions) throws Exception {
    System.gc();
    long wall0 = System.currentTimeMillis();
    long t0 = System.nanoTime();
    Pool pool = OurSubject.builder(transport, 1, jvmOptions).build();
    double build = (System.nanoTime() - t0) / 1e6;
    try {
      SerializableCallable<long[]> probe =
          () -> {
            long now = System.currentTimeMillis();
            return new long[] {ManagementFactory.getRuntimeMXBean().getStartTime(), now};
          };
      long[] r = pool.apply(probe);
      double total = (System.nanoTime() - t0) / 1e6;
      long wallEnd = wall0 + Math.round(total);
      return new double[] {build, r[0] - wall0, r[1] - r[0], wallEnd - r[1], total};
    } finally {
      pool.terminate();
    }
  }
}
