package org.multiprocessing4j.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.benchmarks.Work;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dispatch and result delivery end to end through a real {@link Pool} of 2 worker JVMs (the
 * scheduler is internal, so it is measured through the public API): one {@code apply} round trip,
 * and the throughput of 1,000 pipelined {@code applyAsync} calls.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DispatchBenchmark {
  static final int BATCH = 1000;

  @Param({"pipe", "socket"})
  public String transport;

  private Pool pool;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    pool = Pool.builder().processes(2).transport(transport).build();
    for (int i = 0; i < 1000; i++) {
      pool.apply(Work::identity, (Object) i);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.terminate();
  }

  /** One {@code apply(identity, 1)}: submit, send, run, send back, complete, wake the caller. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public Object apply() throws Exception {
    return pool.apply(Work::identity, (Object) 1);
  }

  /** 1,000 {@code applyAsync(identity, i)} submitted back to back, then all got. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OperationsPerInvocation(BATCH)
  public long applyAsyncBatch() throws Exception {
    List<AsyncResult<Object>> results = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      results.add(pool.applyAsync(Work::identity, (Object) i));
    }
    long sum = 0;
    for (AsyncResult<Object> r : results) {
      sum += (Integer) r.get();
    }
    return sum;
  }
}
