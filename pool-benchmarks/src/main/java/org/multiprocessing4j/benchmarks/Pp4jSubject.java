package org.multiprocessing4j.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.viktorc.pp4j.api.JavaProcessOptions;
import net.viktorc.pp4j.impl.JavaProcessPoolExecutor;

/**
 * PP4J 2.2's {@code JavaProcessPoolExecutor}, the closest Java peer: an {@code ExecutorService}
 * whose tasks ({@code Callable & Serializable}) run in child JVMs, one task at a time per process,
 * as Base64 lines of Java serialization over stdin/stdout. It has no {@code map}: {@code map} and
 * {@code imap_unordered} are emulated the way a user would, one submitted task per chunk.
 */
final class Pp4jSubject implements Subject {

  /**
   * PP4J's defaults add {@code -d64}/{@code -server} only when asked; {@code -d64} is refused by
   * JDK 9+. Everything null or 0 means: the JVM's defaults, no keep-alive timeout.
   */
  private static final JavaProcessOptions OPTIONS =
      new JavaProcessOptions() {
        @Override
        public JVMArch getArch() {
          return null;
        }

        @Override
        public JVMType getType() {
          return null;
        }

        @Override
        public int getInitHeapSizeMb() {
          return 0;
        }

        @Override
        public int getMaxHeapSizeMb() {
          return 0;
        }

        @Override
        public int getStackSizeKb() {
          return 0;
        }

        @Override
        public long getKeepAliveTime() {
          return 0;
        }
      };

  private final JavaProcessPoolExecutor executor;
  private final int processes;

  /** Starts {@code processes} JVMs; the constructor returns once they are all up. */
  Pp4jSubject(int processes) throws InterruptedException {
    this.executor = new JavaProcessPoolExecutor(OPTIONS, processes, processes, 0, null, false);
    this.processes = processes;
  }

  @Override
  public Object apply(Object x) throws Exception {
    return executor.submit(new Work.Identity(x)).get();
  }

  @Override
  public long applyAsyncAll(int n) throws Exception {
    List<Future<Object>> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      results.add(executor.submit(new Work.Identity(i)));
    }
    long total = 0;
    for (Future<Object> r : results) {
      total += (Integer) r.get();
    }
    return total;
  }

  @Override
  public List<Long> mapSquare(int n, int chunksize) throws Exception {
    int cs = chunksize > 0 ? chunksize : Subject.defaultChunksize(n, processes);
    List<Integer> items = new ArrayList<>(n);
    Work.range(n).forEach(items::add);
    return mapChunks(Work.chunks(items, cs), Work.Kernel.SQUARE, n);
  }

  /** Emulated: one task per chunk, results taken chunk by chunk as they complete. */
  @Override
  public long imapUnorderedSquare(int n, int chunksize) throws Exception {
    List<Integer> items = new ArrayList<>(n);
    Work.range(n).forEach(items::add);
    List<Future<ArrayList<Long>>> pending = new ArrayList<>();
    for (ArrayList<Integer> chunk : Work.chunks(items, chunksize)) {
      pending.add(executor.submit(new Work.Chunk(chunk, Work.Kernel.SQUARE)));
    }
    long count = 0;
    while (!pending.isEmpty()) {
      boolean progressed = false;
      for (int i = pending.size() - 1; i >= 0; i--) {
        if (pending.get(i).isDone()) {
          count += pending.remove(i).get().size();
          progressed = true;
        }
      }
      if (!progressed) {
        // PP4J offers no completion callback: wait on the oldest instead of spinning.
        count += pending.remove(0).get().size();
      }
    }
    return count;
  }

  @Override
  public List<Long> mapCpuWork(int items, int work) throws Exception {
    int cs = Subject.defaultChunksize(items, processes);
    return mapChunks(
        Work.chunks(Collections.nCopies(items, work), cs), Work.Kernel.CPU_WORK, items);
  }

  /** One submitted task per item: chunksize 1. */
  @Override
  public List<Long> mapSleepPid(int items, int millis) throws Exception {
    List<Future<Long>> futures = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      futures.add(executor.submit(new Work.SleepPid(millis)));
    }
    List<Long> out = new ArrayList<>(items);
    for (Future<Long> f : futures) {
      out.add(f.get());
    }
    return out;
  }

  /** Emulated {@code map}: one task per chunk, results gathered in order. */
  private List<Long> mapChunks(List<ArrayList<Integer>> chunks, Work.Kernel kernel, int n)
      throws Exception {
    List<Future<ArrayList<Long>>> futures = new ArrayList<>();
    for (ArrayList<Integer> chunk : chunks) {
      futures.add(executor.submit(new Work.Chunk(chunk, kernel)));
    }
    List<Long> out = new ArrayList<>(n);
    for (Future<ArrayList<Long>> f : futures) {
      out.addAll(f.get());
    }
    return out;
  }

  @Override
  public void close() {
    executor.forceShutdown();
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
