package org.multiprocessing4j.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.ResultIterator;

/** multiprocessing4j's {@link Pool}, over the named transport. */
final class OurSubject implements Subject {
  private final Pool pool;

  OurSubject(Pool pool) {
    this.pool = pool;
  }

  static Pool.Builder builder(String transport, int processes, List<String> jvmOptions) {
    Pool.Builder builder = Pool.builder().processes(processes).transport(transport);
    if (!jvmOptions.isEmpty()) {
      builder.jvmOptions(jvmOptions.toArray(String[]::new));
    }
    return builder;
  }

  @Override
  public Object apply(Object x) throws Exception {
    return pool.apply(Work::identity, x);
  }

  @Override
  public long applyAsyncAll(int n) throws Exception {
    List<AsyncResult<Object>> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      results.add(pool.applyAsync(Work::identity, (Object) i));
    }
    long total = 0;
    for (AsyncResult<Object> r : results) {
      total += (Integer) r.get();
    }
    return total;
  }

  @Override
  public List<Long> mapSquare(int n, int chunksize) throws Exception {
    return chunksize > 0
        ? pool.map(Work::square, Work.range(n), chunksize)
        : pool.map(Work::square, Work.range(n));
  }

  @Override
  public long imapUnorderedSquare(int n, int chunksize) {
    long count = 0;
    try (ResultIterator<Long> it = pool.imapUnordered(Work::square, Work.range(n), chunksize)) {
      while (it.hasNext()) {
        it.next();
        count++;
      }
    }
    return count;
  }

  @Override
  public List<Long> mapCpuWork(int items, int work) throws Exception {
    return pool.map(Work::cpuWork, Collections.nCopies(items, work));
  }

  @Override
  public List<Long> mapSleepPid(int items, int millis) throws Exception {
    return pool.map(Work::sleepPid, Collections.nCopies(items, millis), 1);
  }

  @Override
  public void close() {
    pool.terminate();
  }
}
