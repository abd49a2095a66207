package org.multiprocessing4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How busy the host was with other work while a figure ran, as python_baseline.py's {@code
 * CpuMeter}: {@code /proc/stat} busy time minus the CPU time of this JVM, its reaped children and
 * its live descendants (the worker JVMs). Python counts reaped children only; this also counts live
 * workers, which the Python pools' workers are at the time they are read (so it is, if anything,
 * stricter about what counts as foreign).
 */
final class HostMeter {
  private static final double CLK_TCK = 100.0; // USER_HZ on Linux; what /proc reports in.

  private final double[] host0;
  private final double own0;
  private final long wall0;

  HostMeter() {
    this.host0 = hostCpu();
    this.own0 = ownCpu();
    this.wall0 = System.nanoTime();
  }

  Map<String, Object> read() {
    double[] host1 = hostCpu();
    double own1 = ownCpu();
    double wall = (System.nanoTime() - wall0) / 1e9;
    double own = own1 - own0;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("own_cpu_s", Stats.round(own, 3));
    if (host0 != null && host1 != null) {
      double busy = host1[0] - host0[0];
      double foreign = Math.max(0.0, busy - own);
      out.put("host_busy_cpu_s", Stats.round(busy, 3));
      out.put("foreign_cpu_s", Stats.round(foreign, 3));
      out.put("foreign_cpus_avg", wall > 0 ? Stats.round(foreign / wall, 3) : null);
      out.put("steal_s", Stats.round(host1[1] - host0[1], 3));
    }
    return out;
  }

  /** (busy, steal) seconds over all CPUs since boot, or null off Linux. */
  static double[] hostCpu() {
    try {
      String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = line.trim().split("\\s+");
      long user = Long.parseLong(f[1]);
      long nice = Long.parseLong(f[2]);
      long system = Long.parseLong(f[3]);
      long irq = Long.parseLong(f[6]);
      long softirq = Long.parseLong(f[7]);
      long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
      return new double[] {(user + nice + system + irq + softirq) / CLK_TCK, steal / CLK_TCK};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** CPU seconds of this JVM, its reaped children, and its live descendants. */
  static double ownCpu() {
    double total = procCpu(ProcessHandle.current().pid(), true);
    List<ProcessHandle> live = ProcessHandle.current().descendants().toList();
    for (ProcessHandle p : live) {
      total += procCpu(p.pid(), false);
    }
    return total;
  }

  private static double procCpu(long pid, boolean withChildren) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name may hold spaces: fields start after the last ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      // f[0] is field 3 (state); utime = field 14, stime 15, cutime 16, cstime 17.
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      if (withChildren) {
        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
      }
      return ticks / CLK_TCK;
    } catch (IOException | RuntimeException e) {
      return 0.0; // the process is gone: its time moved to our reaped-children counters
    }
  }

  /** Python's {@code wait_quiet}: waits up to maxWait for a window with < threshold busy CPUs. */
  static Map<String, Object> waitQuiet(double maxWaitS, double thresholdCpus, double windowS)
      throws InterruptedException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("requested_s", maxWaitS);
    if (maxWaitS <= 0 || hostCpu() == null) {
      out.put("waited_s", 0.0);
      out.put("quiet", null);
      return out;
    }
    long start = System.nanoTime();
    while (true) {
      double h0 = hostCpu()[0];
      Thread.sleep((long) (windowS * 1000));
      double last = (hostCpu()[0] - h0) / windowS;
      double waited = (System.nanoTime() - start) / 1e9;
      if (last < thresholdCpus || waited >= maxWaitS) {
        out.put("waited_s", Stats.round(waited, 2));
        out.put("quiet", last < thresholdCpus);
        out.put("busy_cpus_last_window", Stats.round(last, 3));
        return out;
      }
    }
  }

  static Double loadavg1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static List<Double> loadavg() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
      return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
