package org.multiprocessing4j.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.BrokenPoolException;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.PoolStatistics;
import org.multiprocessing4j.TaskTimeoutException;
import org.multiprocessing4j.WorkerDiedException;

/**
 * Failure semantics every shipped transport must keep: a dead, timed-out or cancelled worker costs
 * only the task it ran; nothing hangs, nothing is lost, no worker is left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class AbstractFailureContractTest {
  /** The soak sets this to 1000 or more; CI runs a fast subset. */
  private static final int KILLS = Integer.getInteger("mp4j.faults.kills", 20);

  /** Chooses the transport under test. */
  protected abstract Pool.Builder configure(Pool.Builder builder);

  protected Pool.Builder builder() {
    return configure(Pool.builder().processes(2));
  }

  private final long startedMillis = System.currentTimeMillis();

  @AfterAll
  void removeCrashReports() throws Exception {
    try (var files =
        Files.newDirectoryStream(
            Path.of(System.getProperty("java.io.tmpdir")), "multiprocessing4j-hs_err_pid*.log")) {
      for (Path file : files) {
        if (Files.getLastModifiedTime(file).toMillis() >= startedMillis) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  @AfterAll
  void noWorkerLeftBehind() throws Exception {
    ChildProcesses.assertNoneLeft();
  }

  private static WorkerDiedException diedOf(AsyncResult<?> result) {
    ExecutionException failure = assertThrows(ExecutionException.class, result::get);
    return assertInstanceOf(WorkerDiedException.class, failure.getCause());
  }

  @Test
  void eachWayOfDyingFailsOnlyTheTaskItHeld() throws Exception {
    try (Pool pool =
        builder().jvmOptions("-Xmx96m").maxWorkerDeaths(50, Duration.ofMinutes(1)).build()) {
      List<AsyncResult<Integer>> healthy = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        healthy.add(pool.applyAsync(Tasks::sleepThenReturn, 20));
      }
      WorkerDiedException halted = diedOf(pool.applyAsync(Crashes::halt, 7));
      assertEquals(7, halted.exitCode().orElseThrow());
      assertTrue(halted.getMessage().contains("exited with code 7"), halted.getMessage());

      WorkerDiedException killed = diedOf(pool.applyAsync(Crashes::killSelf, "KILL"));
      assertEquals("SIGKILL", killed.signal().orElseThrow());
      assertEquals(137, killed.exitCode().orElseThrow());
      assertTrue(killed.getMessage().contains("OOM killer"), killed.getMessage());
      assertTrue(killed.pid() > 0);

      WorkerDiedException crashed = diedOf(pool.applyAsync(Crashes::segfault, 0));
      assertTrue(crashed.getMessage().contains("crash report"), crashed.getMessage());
      Files.deleteIfExists(
          Path.of(
              System.getProperty("java.io.tmpdir"),
              "multiprocessing4j-hs_err_pid" + crashed.pid() + ".log"));

      ExecutionException outOfMemory =
          assertThrows(ExecutionException.class, () -> pool.apply(Crashes::exhaustHeap, 0));
      assertInstanceOf(OutOfMemoryError.class, outOfMemory.getCause());
      assertTrue(outOfMemory.getMessage().contains("pid"), outOfMemory.getMessage());

      ExecutionException overflow =
          assertThrows(ExecutionException.class, () -> pool.apply(Crashes::recurse, 0));
      assertInstanceOf(StackOverflowError.class, overflow.getCause());

      for (AsyncResult<Integer> result : healthy) {
        assertEquals(20, result.get(Duration.ofSeconds(60)));
      }
      assertEquals(List.of(1, 4), pool.map(Tasks::square, List.of(1, 2)));
      // The worker that ran out of memory exits just after its task's failure arrives.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (pool.statistics().workersCrashed() < 4 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      PoolStatistics statistics = pool.statistics();
      assertTrue(statistics.workersCrashed() >= 4, statistics.toString());
      assertTrue(statistics.recentCrashes().stream().anyMatch(c -> c.contains("SIGKILL")));
    }
  }

  @Test
  void taskTimeoutKillsTheWorkerAndOtherTasksGoOn() throws Exception {
    try (Pool pool = builder().build()) {
      Pool patient = pool.withTaskTimeout(Duration.ofMillis(400));
      AsyncResult<Integer> stuck = patient.applyAsync(Tasks::sleepThenReturn, 60_000);
      List<AsyncResult<Integer>> others = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        others.add(pool.applyAsync(Tasks::sleepThenReturn, 50));
      }
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> stuck.get(Duration.ofSeconds(30)));
      TaskTimeoutException timeout =
          assertInstanceOf(TaskTimeoutException.class, failure.getCause());
      assertEquals(Duration.ofMillis(400), timeout.timeout());
      for (AsyncResult<Integer> other : others) {
        assertEquals(50, other.get(Duration.ofSeconds(30)));
      }
      assertEquals(1, pool.statistics().tasksTimedOut());
      assertEquals(9, (int) patient.apply(Tasks::square, 3));
    }
  }

  @Test
  void mapTimeoutAppliesPerChunk() {
    try (Pool pool = builder().taskTimeout(Duration.ofMillis(500)).build()) {
      ExecutionException failure =
          assertThrows(
              ExecutionException.class,
              () -> pool.map(Tasks::sleepThenReturn, List.of(10, 60_000, 10), 1));
      assertInstanceOf(TaskTimeoutException.class, failure.getCause());
    }
  }

  @Test
  void cancellingARunningTaskKillsItsWorkerAndFreesTheSlot() throws Exception {
    try (Pool pool = builder().processes(1).build()) {
      pool.apply(Tasks::square, 1);
      AsyncResult<Integer> running = pool.applyAsync(Tasks::sleepThenReturn, 60_000);
      AsyncResult<Integer> next = pool.applyAsync(Tasks::sleepThenReturn, 5);
      Thread.sleep(500);
      assertTrue(running.cancel(true));
      assertTrue(running.isCancelled());
      assertThrows(CancellationException.class, running::get);
      assertEquals(5, next.get(Duration.ofSeconds(30)));
      assertEquals(4, (int) pool.apply(Tasks::square, 2));
    }
  }

  @Test
  void cancelWithoutInterruptLeavesARunningTaskAlone() throws Exception {
    try (Pool pool = builder().processes(1).build()) {
      pool.apply(Tasks::square, 1);
      AsyncResult<Integer> running = pool.applyAsync(Tasks::sleepThenReturn, 800);
      Thread.sleep(300);
      assertFalse(running.cancel(false));
      assertEquals(800, running.get(Duration.ofSeconds(30)));
    }
  }

  @Test
  void retriesRunATaskAgainOnAFreshWorker(@TempDir Path dir) throws Exception {
    try (Pool pool = builder().build()) {
      String marker = dir.resolve("attempted").toString();
      assertEquals(42, (int) pool.withRetries(2).apply(() -> Crashes.haltOnce(marker, 42)));
      assertEquals(1, pool.statistics().tasksRetried());
      WorkerDiedException exhausted = diedOf(pool.withRetries(1).applyAsync(Crashes::halt, 3));
      assertEquals(3, exhausted.exitCode().orElseThrow());
      assertEquals(2, pool.statistics().tasksRetried());
    }
  }

  @Test
  void aPoolWhoseWorkersKeepDyingStopsAndSaysWhy() throws Exception {
    try (Pool pool = builder().maxWorkerDeaths(2, Duration.ofMinutes(1)).build()) {
      for (int i = 0; i < 3; i++) {
        diedOf(pool.applyAsync(Crashes::halt, 5));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      BrokenPoolException broken = null;
      while (broken == null && System.nanoTime() < deadline) {
        try {
          pool.apply(Tasks::square, 1);
          Thread.sleep(50);
        } catch (BrokenPoolException e) {
          broken = e;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof BrokenPoolException b) {
            broken = b;
          }
        }
      }
      assertTrue(broken != null, "the pool kept replacing dying workers");
      assertTrue(broken.getMessage().contains("exited with code 5"), broken.getMessage());
    }
  }

  @Test
  void terminateStopsBusyWorkersWithinBoundedTime() throws Exception {
    Pool pool = builder().build();
    List<AsyncResult<Integer>> busy = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      busy.add(pool.applyAsync(Tasks::sleepThenReturn, 60_000));
    }
    Thread.sleep(800);
    long started = System.nanoTime();
    pool.terminate();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(millis < 3_000, "terminate took " + millis + " ms");
    assertTrue(pool.join(Duration.ofSeconds(5)));
    busy.forEach(result -> assertTrue(result.isCancelled()));
  }

  /**
   * Kills workers at random moments, in random ways, while a stream of tasks runs; every task must
   * end exactly once, with its value or an error.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.HOURS)
  void faultInjection() throws Exception {
    int tasks = Math.max(200, KILLS * 10);
    Random random = new Random(KILLS);
    Map<Integer, AtomicInteger> endings = new ConcurrentHashMap<>();
    try (Pool pool =
        builder().maxWorkerDeaths(Integer.MAX_VALUE, Duration.ofSeconds(1)).retries(3).build()) {
      List<AsyncResult<Integer>> results = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        int index = i;
        endings.put(index, new AtomicInteger());
        boolean poison = random.nextInt(40) == 0;
        int sleep = random.nextInt(10);
        results.add(
            pool.applyAsync(
                () -> poison ? Crashes.halt(11) : Tasks.sleepThenReturn(sleep) * 0 + index,
                value -> endings.get(index).incrementAndGet(),
                error -> endings.get(index).incrementAndGet()));
      }
      String[] signals = {"KILL", "SEGV", "TERM"};
      int kills = 0;
      long killDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Math.max(2, KILLS / 4));
      while (kills < KILLS && System.nanoTime() < killDeadline) {
        Thread.sleep(20 + random.nextInt(80));
        // Only worker JVMs: not a spawn helper mid-launch, not an earlier kill command.
        List<ProcessHandle> workers =
            ProcessHandle.current()
                .children()
                .filter(child -> child.info().command().orElse("").endsWith("java"))
                .filter(child -> child.info().commandLine().orElse("").contains("WorkerMain"))
                .toList();
        if (workers.isEmpty()) {
          if (pool.isShutdown()) {
            break;
          }
          continue;
        }
        ProcessHandle victim = workers.get(random.nextInt(workers.size()));
        new ProcessBuilder(
                "kill", "-" + signals[random.nextInt(signals.length)], Long.toString(victim.pid()))
            .start()
            .waitFor();
        kills++;
      }
      assertEquals(KILLS, kills, "could not find workers to kill: the pool stopped");
      int succeeded = 0;
      int failed = 0;
      for (int i = 0; i < tasks; i++) {
        try {
          assertEquals(i, results.get(i).get(Duration.ofMinutes(5)));
          succeeded++;
        } catch (ExecutionException e) {
          assertTrue(
              e.getCause() instanceof WorkerDiedException, "unexpected failure: " + e.getCause());
          failed++;
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (endings.values().stream().anyMatch(n -> n.get() == 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      endings.forEach(
          (index, count) ->
              assertEquals(1, count.get(), "task " + index + " ended " + count + " times"));
      PoolStatistics statistics = pool.statistics();
      assertEquals(
          tasks, statistics.tasksCompleted() + statistics.tasksFailed(), statistics.toString());
      System.err.printf(
          "fault injection: %d kills, %d tasks, %d succeeded, %d failed, statistics %s%n",
          kills, tasks, succeeded, failed, statistics);
    }
  }
}
