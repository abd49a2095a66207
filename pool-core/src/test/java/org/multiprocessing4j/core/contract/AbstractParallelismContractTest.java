package org.multiprocessing4j.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.ResultIterator;
import org.multiprocessing4j.WorkerDiedException;

/**
 * A pool uses all its workers: n tasks that can only finish if they all run at once do finish on a
 * pool of n workers, submitted the instant it is built, whatever ran before them. Python's pool
 * gets this from one shared task queue; ours from handing a task that waits in one worker's window
 * to a worker that is idle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class AbstractParallelismContractTest {

  /** Chooses the transport under test. */
  protected abstract Pool.Builder configure(Pool.Builder builder);

  private Pool.Builder builder(int processes) {
    return configure(Pool.builder().processes(processes));
  }

  @AfterAll
  void noWorkerLeftBehind() throws Exception {
    ChildProcesses.assertNoneLeft();
  }

  private static List<Integer> indexes(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  /** Every party met the others, each in a worker of its own. */
  private static void assertAllRanAtOnce(int parties, List<Long> pids) {
    assertEquals(parties, pids.size());
    assertEquals(parties, new HashSet<>(pids).size(), "distinct worker pids: " + pids);
  }

  private static List<Long> meetByMap(Pool pool, Path dir, int parties)
      throws InterruptedException, ExecutionException {
    String where = dir.toString();
    return pool.map(i -> Rendezvous.meet(where, parties, i), indexes(parties), 1);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4})
  void mapRightAfterBuildRunsOneTaskPerWorkerAtOnce(int processes, @TempDir Path dir)
      throws Exception {
    try (Pool pool = builder(processes).build()) {
      assertAllRanAtOnce(processes, meetByMap(pool, dir, processes));
    }
  }

  @Test
  void applyAsyncRightAfterBuildRunsOneTaskPerWorkerAtOnce(@TempDir Path dir) throws Exception {
    String where = dir.toString();
    try (Pool pool = builder(3).build()) {
      List<AsyncResult<Long>> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int index = i;
        results.add(pool.applyAsync(() -> Rendezvous.meet(where, 3, index)));
      }
      List<Long> pids = new ArrayList<>();
      for (AsyncResult<Long> result : results) {
        pids.add(result.get(Duration.ofSeconds(60)));
      }
      assertAllRanAtOnce(3, pids);
    }
  }

  @Test
  void imapUnorderedAndStarmapRightAfterBuildUseEveryWorker(@TempDir Path dir) throws Exception {
    try (Pool pool = builder(2).build()) {
      Path first = Files.createDirectory(dir.resolve("imap"));
      String where = first.toString();
      List<Long> pids = new ArrayList<>();
      try (ResultIterator<Long> it =
          pool.imapUnordered(i -> Rendezvous.meet(where, 2, i), indexes(2))) {
        it.forEachRemaining(pids::add);
      }
      assertAllRanAtOnce(2, pids);
      String second = Files.createDirectory(dir.resolve("starmap")).toString();
      assertAllRanAtOnce(
          2,
          pool.starmap(
              (String d, Integer i) -> Rendezvous.meet(d, 2, i),
              List.of(Map.entry(second, 0), Map.entry(second, 1)),
              1));
    }
  }

  @Test
  void afterAWorkerCrashTheReplacementTakesItsShare(@TempDir Path dir) throws Exception {
    try (Pool pool = builder(2).build()) {
      ExecutionException died =
          assertThrows(ExecutionException.class, () -> pool.apply(Crashes::halt, 3));
      assertInstanceOf(WorkerDiedException.class, died.getCause());
      assertAllRanAtOnce(2, meetByMap(pool, dir, 2));
    }
  }

  @Test
  void afterMaxTasksPerChildReplacementsEveryWorkerStillRuns(@TempDir Path dir) throws Exception {
    try (Pool pool = builder(2).maxTasksPerChild(2).build()) {
      pool.map(x -> x + 1, indexes(5), 1);
      assertAllRanAtOnce(2, meetByMap(pool, dir, 2));
    }
  }

  @Test
  void longTasksBehindAWindowFullOfShortOnesStillRunAtOnce(@TempDir Path dir) throws Exception {
    try (Pool pool = builder(2).build()) {
      // Teaches both workers that tasks are short, so each takes a wide window.
      pool.map(x -> x, indexes(2_000), 1);
      AsyncResult<List<Integer>> shorts = pool.mapAsync(x -> x, indexes(500), 1, null, null);
      assertAllRanAtOnce(2, meetByMap(pool, dir, 2));
      assertEquals(500, shorts.get(Duration.ofSeconds(60)).size());
    }
  }

  @Test
  void withTimeoutsAndRetriesEveryWorkerStillRuns(@TempDir Path dir) throws Exception {
    try (Pool pool = builder(2).build()) {
      Path timed = Files.createDirectory(dir.resolve("timed"));
      assertAllRanAtOnce(2, meetByMap(pool.withTaskTimeout(Duration.ofSeconds(90)), timed, 2));
      Path retried = Files.createDirectory(dir.resolve("retried"));
      assertAllRanAtOnce(2, meetByMap(pool.withRetries(1), retried, 2));
    }
  }
}
