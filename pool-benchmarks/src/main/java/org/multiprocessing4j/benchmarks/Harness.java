package org.multiprocessing4j.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.multiprocessing4j.Pool;

/**
 * The end-to-end harness: python_baseline.py's figures for multiprocessing4j (over the pipe and the
 * socket transport) and for PP4J, with the script's sizes, warm-ups, statistics, units and JSON
 * keys ({@code results.<impl>.<figure>}, {@code summary.<impl>}, {@code summary_best.<impl>}),
 * where {@code <impl>} takes the place of Python's start method: {@code pipe}, {@code socket},
 * {@code pp4j}. Beyond the script's figures: {@code process_start_join_ms} (n {@code Process}es
 * with a shared lock, {@link ProcessStart}) and {@code long_tasks_after_build} (issue 10's n long
 * tasks right after {@code build()}), as {@code python/peers.py} measures them for the Python
 * pools; {@code --cold} measures one cold sample instead ({@link Cold}).
 *
 * <p>Run it with the full classpath on the command line ({@code java -cp ...}), never inside
 * Maven's class loader: workers inherit {@code java.class.path}. {@code run-all.sh} does this.
 *
 * <pre>
 * java -cp target/classes:target/lib/* org.multiprocessing4j.benchmarks.Harness \
 *     --impls pipe,socket,pp4j --out /tmp/ours.json [--only a,b] [--scale F] [--repeats N]
 * </pre>
 */
public final class Harness {
  static final int MIB = 1 << 20;

  /** The figures, in the Python script's order. */
  static final List<String> FIGURES =
      List.of(
          "pool_start_ms",
          "apply_rtt_us",
          "apply_async_throughput_per_s",
          "map_small_items_per_s",
          "imap_unordered_items_per_s",
          "large_payload_MBps",
          "queue_msgs_per_s",
          "pipe_msgs_per_s",
          "pipe_bytes_MBps",
          "manager_dict_ops_per_s",
          "cpu_bound_speedup",
          "process_start_join_ms",
          "long_tasks_after_build");

  private Harness() {}

  /** The options, as python_baseline.py's. */
  static final class Options {
    List<String> impls = List.of("pipe", "socket");
    String out;
    int repeats = 5;
    double scale = 1.0;
    Set<String> only;
    double waitQuiet = 15;
    double gate = 4;
    int cpuWorkN;
    double cpuItemMs = 7.0;
    List<String> workerJvmOptions = new ArrayList<>();
    boolean levers;
    int leverRounds = 10;
    boolean cold;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--impls" -> o.impls = split(args[++i]);
          case "--out" -> o.out = args[++i];
          case "--repeats" -> o.repeats = Integer.parseInt(args[++i]);
          case "--scale" -> o.scale = Double.parseDouble(args[++i]);
          case "--only" -> o.only = new LinkedHashSet<>(split(args[++i]));
          case "--wait-quiet" -> o.waitQuiet = Double.parseDouble(args[++i]);
          case "--gate" -> o.gate = Double.parseDouble(args[++i]);
          case "--cpu-work-n" -> o.cpuWorkN = Integer.parseInt(args[++i]);
          case "--cpu-item-ms" -> o.cpuItemMs = Double.parseDouble(args[++i]);
          case "--worker-jvm-option" -> o.workerJvmOptions.add(args[++i]);
          case "--levers" -> o.levers = true;
          case "--cold" -> o.cold = true;
          case "--lever-rounds" -> o.leverRounds = Integer.parseInt(args[++i]);
          case "--calibrate-cpu" -> {
            System.out.println(calibrateCpuWork(o.cpuItemMs));
            System.exit(0);
          }
          case "-h", "--help" -> {
            System.out.println(
                "options: --impls pipe,socket,pp4j --out FILE --repeats N --scale F --only a,b"
                    + " --wait-quiet S --gate S --cpu-work-n N | --cpu-item-ms MS"
                    + " --worker-jvm-option OPT (repeatable) --calibrate-cpu"
                    + " --levers [--lever-rounds N] | --cold (one cold sample of one --impls side)");
            System.exit(0);
          }
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      return o;
    }

    private static List<String> split(String s) {
      return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    if (options.levers) {
      Levers.run(options);
      return;
    }
    if (options.cold) {
      Cold.run(options);
      System.exit(0);
    }
    if (options.cpuWorkN <= 0) {
      log("calibrating cpu_work to " + options.cpuItemMs + " ms per item ...");
      options.cpuWorkN = calibrateCpuWork(options.cpuItemMs);
    }
    Map<String, Object> config = config(options);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "multiprocessing4j-harness");
    result.put("schema_version", 1);
    Map<String, Object> meta = meta();
    result.put("meta", meta);
    result.put("config", config);
    Map<String, Object> results = new LinkedHashMap<>();
    Map<String, Object> summary = new LinkedHashMap<>();
    Map<String, Object> summaryBest = new LinkedHashMap<>();
    result.put("results", results);
    result.put("summary", summary);
    result.put("summary_best", summaryBest);

    if (options.waitQuiet > 0) {
      log("waiting up to " + (int) options.waitQuiet + "s for a quiet host ...");
    }
    meta.put("wait_quiet", HostMeter.waitQuiet(options.waitQuiet, 0.25, 1.0));
    long tAll = System.nanoTime();
    HostMeter meterAll = new HostMeter();
    for (String implName : options.impls) {
      Impl impl = Impl.named(implName, options.workerJvmOptions);
      Map<String, Object> res = new LinkedHashMap<>();
      res.put("started_at", now());
      res.put("library", impl.description());
      Map<String, Object> summ = new LinkedHashMap<>();
      Map<String, Object> best = new LinkedHashMap<>();
      long tImpl = System.nanoTime();
      HostMeter meterImpl = new HostMeter();
      String unavailable = impl.unavailableReason();
      if (unavailable != null) {
        log(implName + ": not measured: " + unavailable);
        res.put("not_measured", unavailable);
      }
      for (String name : FIGURES) {
        if (options.only != null && !options.only.contains(name)) {
          continue;
        }
        Map<String, Object> r;
        if (unavailable != null) {
          r = new LinkedHashMap<>();
          r.put("not_measured", unavailable);
          res.put(name, r);
          summ.putAll(Figures.headline(name, r));
          best.putAll(Figures.headlineBest(name, r));
          continue;
        }
        String missing = impl.unsupported(name);
        if (missing != null) {
          r = new LinkedHashMap<>();
          r.put(missing.startsWith("not implemented") ? "not_implemented" : "not_supported", true);
          r.put("note", missing);
          res.put(name, r);
          summ.putAll(Figures.headline(name, r));
          best.putAll(Figures.headlineBest(name, r));
          log(implName + ": " + name + ": " + missing);
          continue;
        }
        log(implName + ": " + name + " ...");
        Map<String, Object> gate =
            options.gate > 0 ? HostMeter.waitQuiet(options.gate, 0.25, 0.5) : null;
        long t0 = System.nanoTime();
        HostMeter meter = new HostMeter();
        Double la = HostMeter.loadavg1();
        try {
          r = Figures.run(name, impl, config);
        } catch (Throwable e) {
          r = new LinkedHashMap<>();
          r.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
          java.io.StringWriter trace = new java.io.StringWriter();
          e.printStackTrace(new java.io.PrintWriter(trace));
          r.put("traceback", trace.toString());
          log(implName + ": " + name + " FAILED: " + e);
        }
        r.put("wall_s", Stats.round((System.nanoTime() - t0) / 1e9, 3));
        Map<String, Object> host = meter.read();
        host.put("loadavg1_start", la);
        host.put("gate", gate);
        r.put("host", host);
        res.put(name, r);
        summ.putAll(Figures.headline(name, r));
        best.putAll(Figures.headlineBest(name, r));
        log(
            implName
                + ": "
                + name
                + " done in "
                + r.get("wall_s")
                + "s -> "
                + Figures.headline(name, r)
                + " (foreign cpus "
                + host.get("foreign_cpus_avg")
                + ")");
      }
      res.put("finished_at", now());
      res.put("wall_s", Stats.round((System.nanoTime() - tImpl) / 1e9, 3));
      Map<String, Object> host = meterImpl.read();
      res.put("host", host);
      summ.put("host_foreign_cpus_avg", host.get("foreign_cpus_avg"));
      results.put(implName, res);
      summary.put(implName, summ);
      summaryBest.put(implName, best);
    }
    meta.put("finished_at", now());
    meta.put("total_wall_s", Stats.round((System.nanoTime() - tAll) / 1e9, 3));
    meta.put("loadavg_end", HostMeter.loadavg());
    meta.put("host_cpu_during_run", meterAll.read());
    meta.put(
        "summary_note",
        "summary = medians (apply_rtt: median and p99); summary_best = best of N (max rate, min"
            + " time; cpu_bound_speedup = min serial / min pool time). Keys and definitions are"
            + " python_baseline.py's; <impl> (pipe, socket, pp4j) takes the place of the start"
            + " method.");
    meta.put(
        "contention_note",
        "host.foreign_cpus_avg = average number of CPUs busy with processes other than this"
            + " benchmark and its worker JVMs (/proc/stat minus own, reaped children's and live"
            + " descendants' CPU time)");
    Json.emit(result, options.out);
    // PP4J and the pools leave no non-daemon threads, but be sure the JVM ends.
    System.exit(0);
  }

  static Map<String, Object> config(Options o) {
    double s = o.scale;
    int r = o.repeats;
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("procs", 2);
    c.put("scale", s);
    c.put("repeats", r);
    c.put("pool_start_reps", 10);
    c.put("rtt_calls", scaled(2000, s, 10));
    c.put("rtt_warmup", scaled(200, s, 1));
    c.put("async_tasks", scaled(20000, s, 10));
    c.put("map_items", scaled(1_000_000, s, 100));
    c.put("imap_items", scaled(200_000, s, 100));
    c.put("payload_bytes", scaled(64 * MIB, s, 1024));
    c.put("payload_reps", 5);
    c.put("queue_msgs", scaled(100_000, s, 10));
    c.put("pipe_msgs", scaled(100_000, s, 10));
    c.put("pipe_block_bytes", MIB);
    c.put("pipe_blocks", scaled(256, s, 1));
    c.put("manager_sets", scaled(20000, s, 10));
    c.put("manager_reps", Math.max(3, Math.min(r, 5)));
    c.put("cpu_items", 64);
    c.put("cpu_work_n", o.cpuWorkN);
    c.put(
        "cpu_work_note",
        "Python's cpu_work(200000) takes about 7 ms per item in CPython; the same n takes well"
            + " under 1 ms on the JIT, so n is calibrated to the same per-item time ("
            + o.cpuItemMs
            + " ms serial, in this JVM): the figure measures how well 64 items of ~7 ms spread"
            + " over 2 workers");
    c.put("cpu_reps", Math.max(3, Math.min(r, 5)));
    c.put("process_counts", Figures.PROCESS_COUNTS);
    c.put("process_reps", Math.max(1, Math.min(r, 3)));
    c.put("long_task_counts", Figures.LONG_TASK_COUNTS);
    c.put("long_task_s", Stats.round(Math.max(0.1, s), 3));
    c.put("long_task_reps", Math.max(1, Math.min(r, 3)));
    c.put("worker_jvm_options", o.workerJvmOptions);
    return c;
  }

  static int scaled(double n, double scale, int minimum) {
    return Math.max(minimum, (int) Math.round(n * scale));
  }

  /** The n for which {@code cpuWork(n)} takes {@code targetMs} here, once the JIT is warm. */
  static int calibrateCpuWork(double targetMs) {
    int n = 1_000_000;
    long sink = 0;
    for (int i = 0; i < 200; i++) {
      sink += Work.cpuWork(n); // warm the JIT
    }
    double[] times = new double[15];
    for (int i = 0; i < times.length; i++) {
      long t0 = System.nanoTime();
      sink += Work.cpuWork(n * 10);
      times[i] = (System.nanoTime() - t0) / 1e6;
    }
    double msPerItem = Stats.median(times);
    if (sink == 42) {
      System.err.print("");
    }
    long calibrated = Math.round(n * 10 * targetMs / msPerItem);
    return (int) Math.min(Integer.MAX_VALUE, calibrated);
  }

  static Map<String, Object> meta() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("java_version", System.getProperty("java.version"));
    m.put(
        "java_vm",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    m.put("java_vendor", System.getProperty("java.vendor"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("machine", System.getProperty("os.arch"));
    m.put("cpu_model", cpuModel());
    m.put("cpu_count", Runtime.getRuntime().availableProcessors());
    m.put("cpu_affinity", affinity());
    m.put(
        "parent_jvm_args",
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    try {
      m.put("hostname", InetAddress.getLocalHost().getHostName());
    } catch (IOException e) {
      m.put("hostname", null);
    }
    m.put("pid", ProcessHandle.current().pid());
    m.put("started_at", now());
    m.put("loadavg_start", HostMeter.loadavg());
    return m;
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.split(":", 2)[1].trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  static String affinity() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Cpus_allowed_list")) {
          return line.split(":", 2)[1].trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return null;
  }

  static String now() {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        Instant.now()
            .atOffset(ZoneOffset.UTC)
            .withNano(Instant.now().getNano() / 1_000_000 * 1_000_000));
  }

  static void log(String message) {
    System.err.printf("[%s] %s%n", java.time.LocalTime.now().withNano(0).toString(), message);
    System.err.flush();
  }

  /** A library under test: how to start a pool of 2, and which figures it can do. */
  interface Impl {
    String name();

    String description();

    Subject start(int processes) throws Exception;

    /** Why a figure cannot be measured, or null. */
    String unsupported(String figure);

    /** The Queue, Pipe and Manager figures; only for libraries that have them. */
    default Messaging messaging() {
      throw new UnsupportedOperationException(name() + " has no Queue, Pipe or Manager");
    }

    /** Why nothing can be measured (for example a transport that does not start yet), or null. */
    default String unavailableReason() {
      return null;
    }

    /** The Process figure; only for libraries that have processes. */
    default ProcessStart processes() {
      throw new UnsupportedOperationException(name() + " has no Process");
    }

    static Impl named(String name, List<String> workerJvmOptions) {
      return switch (name) {
        case "pipe", "socket" -> new Ours(name, workerJvmOptions);
        case "pp4j" -> new Pp4j();
        default -> throw new IllegalArgumentException("unknown impl " + name);
      };
    }
  }

  static final class Ours implements Impl {
    private final String transport;
    private final List<String> jvmOptions;
    private String unavailable;
    private boolean probed;

    Ours(String transport, List<String> jvmOptions) {
      this.transport = transport;
      this.jvmOptions = jvmOptions;
    }

    @Override
    public String name() {
      return transport;
    }

    @Override
    public String description() {
      return "multiprocessing4j Pool, transport " + transport;
    }

    @Override
    public Subject start(int processes) {
      Pool.Builder builder = OurSubject.builder(transport, processes, jvmOptions);
      return new OurSubject(builder.build());
    }

    @Override
    public String unsupported(String figure) {
      return null;
    }

    @Override
    public Messaging messaging() {
      return new Messaging(transport, jvmOptions);
    }

    @Override
    public ProcessStart processes() {
      return new ProcessStart(transport, jvmOptions);
    }

    @Override
    public String unavailableReason() {
      if (!probed) {
        probed = true;
        try (Subject s = start(1)) {
          Object r = s.apply(1);
          if (!Integer.valueOf(1).equals(r)) {
            unavailable = "transport " + transport + " returned " + r + " for apply(identity, 1)";
          }
        } catch (Throwable e) {
          unavailable =
              "Pool.builder().transport(\""
                  + transport
                  + "\") does not work yet: "
                  + e.getClass().getName()
                  + ": "
                  + e.getMessage();
        }
      }
      return unavailable;
    }
  }

  static final class Pp4j implements Impl {
    @Override
    public String name() {
      return "pp4j";
    }

    @Override
    public String description() {
      return "net.viktorc:pp4j 2.2 JavaProcessPoolExecutor (map and imap_unordered emulated with"
          + " one submit per chunk)";
    }

    @Override
    public Subject start(int processes) throws Exception {
      return new Pp4jSubject(processes);
    }

    @Override
    public String unsupported(String figure) {
      return switch (figure) {
        case "queue_msgs_per_s", "pipe_msgs_per_s", "pipe_bytes_MBps", "manager_dict_ops_per_s" ->
            "not supported: PP4J has no Queue, Pipe or Manager";
        case "process_start_join_ms" -> "not supported: PP4J has no Process or shared Lock";
        default -> null;
      };
    }
  }
}
