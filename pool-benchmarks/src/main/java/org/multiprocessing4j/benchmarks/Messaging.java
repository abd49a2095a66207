package org.multiprocessing4j.benchmarks;

import java.util.List;
import java.util.Map;
import org.multiprocessing4j.Connection;
import org.multiprocessing4j.Event;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.Process;
import org.multiprocessing4j.Queue;

/**
 * python_baseline.py's Queue, Pipe and Manager figures for multiprocessing4j: one child {@link
 * Process} talks to this JVM through objects of a {@link Manager}, with the same message counts,
 * handshakes and timed parts as the Python functions of the same names.
 */
final class Messaging {
  private static final int MIB = 1 << 20;

  private final String transport;
  private final List<String> jvmOptions;

  Messaging(String transport, List<String> jvmOptions) {
    this.transport = transport;
    this.jvmOptions = jvmOptions;
  }

  private Process child(org.multiprocessing4j.SerializableRunnable target) {
    Process process = new Process(target).transport(transport).daemon(true);
    if (!jvmOptions.isEmpty()) {
      process.jvmOptions(jvmOptions.toArray(String[]::new));
    }
    return process.start();
  }

  private static void finish(Process process) throws InterruptedException {
    process.join();
    check(process.exitCode().orElse(-1) == 0, "child exit code " + process.exitCode());
  }

  /** {@code m_queue}: a child puts n small ints, this JVM gets them; timed from "go". */
  Map<String, Object> queue(int n, int reps) throws Exception {
    double[] times = new double[reps];
    double[] withStart = new double[reps];
    try (Manager manager = Manager.start()) {
      for (int rep = 0; rep < reps; rep++) {
        Queue<Integer> queue = manager.queue();
        Event ready = manager.event();
        Event go = manager.event();
        System.gc();
        long ts = System.nanoTime();
        Process producer = child(() -> queueProducer(queue, n, ready, go));
        ready.await();
        long t0 = System.nanoTime();
        go.set();
        long total = 0;
        for (int i = 0; i < n; i++) {
          total += queue.get();
        }
        long t1 = System.nanoTime();
        finish(producer);
        check(total == (long) n * (n - 1) / 2, "queue sum " + total);
        times[rep] = (t1 - t0) / 1e9;
        withStart[rep] = (t1 - ts) / 1e9;
      }
    }
    Map<String, Object> out = Stats.rateStats(n, times);
    out.put("unit", "msgs/s");
    out.put("msgs", n);
    out.put("payload", "small int");
    double[] rates = new double[reps];
    for (int i = 0; i < reps; i++) {
      rates[i] = n / withStart[i];
    }
    out.put("incl_process_start_per_s", Stats.stats(rates, 1).get("median"));
    return out;
  }

  private static void queueProducer(Queue<Integer> queue, int n, Event ready, Event go)
      throws InterruptedException {
    ready.set();
    go.await();
    for (int i = 0; i < n; i++) {
      queue.put(i);
    }
  }

  /** {@code m_pipe}: a child sends n small ints on a duplex pipe; timed from "go". */
  Map<String, Object> pipe(int n, int reps) throws Exception {
    double[] times = new double[reps];
    try (Manager manager = Manager.start()) {
      for (int rep = 0; rep < reps; rep++) {
        Pipe<Object> pipe = manager.pipe();
        Connection<Object> parent = pipe.first();
        Connection<Object> end = pipe.second();
        Process sender = child(() -> pipeObjectSender(end, n));
        check("ready".equals(parent.recv()), "pipe handshake");
        System.gc();
        long t0 = System.nanoTime();
        parent.send("go");
        long total = 0;
        for (int i = 0; i < n; i++) {
          total += (Integer) parent.recv();
        }
        long t1 = System.nanoTime();
        finish(sender);
        parent.close();
        check(total == (long) n * (n - 1) / 2, "pipe sum " + total);
        times[rep] = (t1 - t0) / 1e9;
      }
    }
    Map<String, Object> out = Stats.rateStats(n, times);
    out.put("unit", "msgs/s");
    out.put("msgs", n);
    out.put("payload", "small int via Connection.send");
    out.put("pipe", "Manager.pipe() (duplex)");
    return out;
  }

  private static void pipeObjectSender(Connection<Object> end, int n) throws Exception {
    end.send("ready");
    end.recv();
    for (int i = 0; i < n; i++) {
      end.send(i);
    }
    end.close();
  }

  /** {@code m_pipe_bytes}: a child sends blocks of raw bytes; timed from "go". */
  Map<String, Object> pipeBytes(int block, int count, int reps) throws Exception {
    long totalBytes = (long) block * count;
    double[] rates = new double[reps];
    double[] seconds = new double[reps];
    try (Manager manager = Manager.start()) {
      for (int rep = 0; rep < reps; rep++) {
        Pipe<Object> pipe = manager.pipe();
        Connection<Object> parent = pipe.first();
        Connection<Object> end = pipe.second();
        Process sender = child(() -> pipeBytesSender(end, block, count));
        check("ready".equals(parent.recv()), "pipe handshake");
        System.gc();
        long t0 = System.nanoTime();
        parent.send("go");
        long got = 0;
        for (int i = 0; i < count; i++) {
          got += parent.recvBytes().length;
        }
        long t1 = System.nanoTime();
        finish(sender);
        parent.close();
        check(got == totalBytes, "pipe bytes " + got);
        seconds[rep] = (t1 - t0) / 1e9;
        rates[rep] = totalBytes / (double) MIB / seconds[rep];
      }
    }
    Map<String, Object> out = Stats.stats(rates, 1);
    out.put("unit", "MiB/s");
    out.put("block_bytes", block);
    out.put("blocks", count);
    out.put("total_bytes", totalBytes);
    out.put("seconds", Stats.rounded(seconds, 4));
    out.put("pipe", "Manager.pipe() (duplex), sendBytes/recvBytes");
    return out;
  }

  private static void pipeBytesSender(Connection<Object> end, int block, int count)
      throws Exception {
    byte[] bytes = new byte[block];
    end.send("ready");
    end.recv();
    for (int i = 0; i < count; i++) {
      end.sendBytes(bytes);
    }
    end.close();
  }

  /** {@code m_manager_dict}: a child sets d[i] = i n times, timed in the child. */
  Map<String, Object> managerDict(int n, int reps) throws Exception {
    double[] childTimes = new double[reps];
    double[] parentRates = new double[reps];
    long t0Manager = System.nanoTime();
    try (Manager manager = Manager.start()) {
      double managerStartMs = (System.nanoTime() - t0Manager) / 1e6;
      for (int rep = 0; rep < reps; rep++) {
        Map<Integer, Integer> dict = manager.dict();
        Pipe<Object> pipe = manager.pipe();
        Connection<Object> parent = pipe.first();
        Connection<Object> end = pipe.second();
        Process setter = child(() -> managerDictSetter(dict, n, end));
        check("ready".equals(parent.recv()), "pipe handshake");
        System.gc();
        long t0 = System.nanoTime();
        parent.send("go");
        double childElapsed = (Double) parent.recv();
        long t1 = System.nanoTime();
        finish(setter);
        parent.close();
        check(dict.size() == n, "dict size " + dict.size());
        childTimes[rep] = childElapsed;
        parentRates[rep] = n / ((t1 - t0) / 1e9);
      }
      Map<String, Object> out = Stats.rateStats(n, childTimes);
      out.put("unit", "ops/s (dict.put(i, i) on a Manager map from a child, timed in the child)");
      out.put("sets", n);
      out.put("parent_timed_per_s", Stats.stats(parentRates, 1).get("median"));
      out.put("manager_start_ms", Stats.round(managerStartMs, 2));
      return out;
    }
  }

  private static void managerDictSetter(Map<Integer, Integer> dict, int n, Connection<Object> end)
      throws Exception {
    dict.size();
    end.send("ready");
    end.recv();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      dict.put(i, i);
    }
    long t1 = System.nanoTime();
    end.send((t1 - t0) / 1e9);
    end.close();
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }
}
