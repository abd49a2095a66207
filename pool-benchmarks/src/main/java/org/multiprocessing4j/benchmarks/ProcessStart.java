package org.multiprocessing4j.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multiprocessing4j.Lock;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Process;
import org.multiprocessing4j.Value;

/**
 * The Process figure (issue 17; seed 004's shape): n {@link Process}es started at once and joined,
 * each taking one shared {@link Lock} of a {@link Manager} to add 1 to a shared counter, as
 * peers.py's {@code m_process_start_join} does with {@code ctx.Lock()} and {@code ctx.Value}.
 */
final class ProcessStart {
  private final String transport;
  private final List<String> jvmOptions;

  ProcessStart(String transport, List<String> jvmOptions) {
    this.transport = transport;
    this.jvmOptions = jvmOptions;
  }

  /** For each n in {@code counts}: {@code reps} times, n children started, then joined (ms). */
  Map<String, Object> startJoin(List<Integer> counts, int reps) throws Exception {
    Map<String, Object> res = new LinkedHashMap<>();
    try (Manager manager = Manager.start()) {
      for (int n : counts) {
        double[] times = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
          Lock lock = manager.lock();
          Value<Integer> counter = manager.value(0);
          System.gc();
          long t0 = System.nanoTime();
          List<Process> processes = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            processes.add(child(() -> lockedIncrement(lock, counter)));
          }
          for (Process p : processes) {
            p.join();
          }
          times[rep] = (System.nanoTime() - t0) / 1e6;
          for (Process p : processes) {
            check(p.exitCode().orElse(-1) == 0, "child exit code " + p.exitCode());
          }
          check(counter.get() == n, "counter " + counter.get() + " after " + n + " children");
        }
        Map<String, Object> r = Stats.stats(times, 2);
        r.put("unit", "ms");
        r.put("processes", n);
        res.put("n" + n, r);
      }
    }
    res.put(
        "what",
        "n Process objects created and started one after the other, then joined; each child takes"
            + " one shared Manager lock and adds 1 to a shared Manager value; manager, lock and"
            + " counter created before the timed part");
    return res;
  }

  private Process child(org.multiprocessing4j.SerializableRunnable target) {
    Process process = new Process(target).transport(transport);
    if (!jvmOptions.isEmpty()) {
      process.jvmOptions(jvmOptions.toArray(String[]::new));
    }
    return process.start();
  }

  private static void lockedIncrement(Lock lock, Value<Integer> counter)
      throws InterruptedException {
    lock.acquire();
    try {
      counter.set(counter.get() + 1);
    } finally {
      lock.release();
    }
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }
}
