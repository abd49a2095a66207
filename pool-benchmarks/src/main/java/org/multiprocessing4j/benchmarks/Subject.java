package org.multiprocessing4j.benchmarks;

import java.util.List;

/**
 * One started pool of 2 worker processes, doing the work of python_baseline.py's figures. An
 * operation a library cannot do throws {@link UnsupportedOperationException} with the reason.
 */
interface Subject extends AutoCloseable {

  /** {@code pool.apply(identity, (x,))}. */
  Object apply(Object x) throws Exception;

  /** Submits {@code apply_async(identity, (i,))} for i in range(n), then gets all; their sum. */
  long applyAsyncAll(int n) throws Exception;

  /** {@code pool.map(square, range(n), chunksize)}; chunksize 0 = the default. */
  List<Long> mapSquare(int n, int chunksize) throws Exception;

  /** Consumes {@code imap_unordered(square, range(n), chunksize)}; how many results came. */
  long imapUnorderedSquare(int n, int chunksize) throws Exception;

  /** {@code pool.map(cpu_work, [work] * items)}, default chunksize. */
  List<Long> mapCpuWork(int items, int work) throws Exception;

  /** {@code pool.map(sleep_pid, [millis] * items, chunksize=1)}: the pid that ran each task. */
  List<Long> mapSleepPid(int items, int millis) throws Exception;

  /** Kills the workers; not timed. */
  @Override
  void close();

  /** Python's default chunksize: {@code ceil(n / (4 * processes))}. */
  static int defaultChunksize(int n, int processes) {
    int cs = n / (processes * 4);
    return n % (processes * 4) != 0 ? cs + 1 : cs;
  }
}
