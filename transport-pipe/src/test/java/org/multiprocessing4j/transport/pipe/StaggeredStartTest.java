package org.multiprocessing4j.transport.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.Pool;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StaggeredStartTest {

  @Test
  void belowFourCoresTheSecondWorkerStartsOnceTheFirstIsReady() throws Exception {
    assumeTrue(Runtime.getRuntime().availableProcessors() < 4, "one start at a time below 4 cores");
    List<long[]> started;
    try (Pool pool = Pool.builder().processes(2).transport("pipe").build()) {
      started =
          pool.map(StaggeredStartTest::whoAndWhen, IntStream.range(0, 40).boxed().toList(), 1);
    }
    Map<Long, Long> startByPid = new TreeMap<>();
    for (long[] each : started) {
      startByPid.put(each[0], each[1]);
    }
    assertEquals(2, startByPid.size(), "both workers ran tasks");
    List<Long> starts = startByPid.values().stream().sorted().toList();
    // Started together, two JVMs are a few milliseconds apart; a worker needs far longer to start.
    assertTrue(starts.get(1) - starts.get(0) >= 100, "JVM starts " + starts);
  }

  static long[] whoAndWhen(int item) throws InterruptedException {
    Thread.sleep(25);
    ProcessHandle self = ProcessHandle.current();
    return new long[] {self.pid(), self.info().startInstant().orElseThrow().toEpochMilli()};
  }
}
