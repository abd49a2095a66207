package org.multiprocessing4j.core.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.BrokenPoolException;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.RemoteException;
import org.multiprocessing4j.ResultIterator;
import org.multiprocessing4j.SerializableFunction;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.WorkerDiedException;

/**
 * The contract every transport must pass, against real worker JVMs. A transport's test subclasses
 * it and says how to choose the transport; nothing else changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractPoolContractTest {

  private Pool shared;

  /** Chooses the transport under test, for example {@code builder.transport("pipe")}. */
  protected abstract Pool.Builder configure(Pool.Builder builder);

  /** The transport's name, as its provider reports it. */
  protected abstract String transportName();

  protected Pool.Builder builder() {
    return configure(Pool.builder().processes(2));
  }

  @BeforeAll
  void startSharedPool() {
    shared = builder().name("shared-" + transportName()).build();
  }

  @AfterAll
  void stopSharedPoolAndCheckNoChildLeft() throws Exception {
    shared.close();
    ChildProcesses.assertNoneLeft();
  }

  // ---- apply ----

  @Test
  void applyRunsInAnotherProcess() throws Exception {
    long pid = shared.apply(Tasks::pid);
    assertNotEquals(ProcessHandle.current().pid(), pid);
    assertTrue(shared.apply(() -> CurrentProcess.isWorker()));
  }

  @Test
  void applyWithArgumentAndCapturingLambda() throws Exception {
    int offset = 10;
    assertEquals(49, (int) shared.apply(Tasks::square, 7));
    assertEquals(17, (int) shared.apply((Integer x) -> x + offset, 7));
  }

  /** A function object with state; workers must see its state as of each call. */
  static final class Scale implements SerializableFunction<Integer, Integer> {
    private static final long serialVersionUID = 1L;
    int factor;

    @Override
    public Integer apply(Integer x) {
      return x * factor;
    }
  }

  @Test
  void aFunctionChangedBetweenCallsIsSentAsItIsNow() throws Exception {
    Scale scale = new Scale();
    List<Integer> seen = new ArrayList<>();
    for (int factor = 1; factor <= 6; factor++) {
      scale.factor = factor;
      seen.add(shared.apply(scale, 10));
      seen.add(shared.map(scale, List.of(1)).get(0));
    }
    assertEquals(List.of(10, 1, 20, 2, 30, 3, 40, 4, 50, 5, 60, 6), seen);
  }

  @Test
  void numbersOfEveryBoxedKindCrossBothWays() throws Exception {
    List<Object> mixed = List.of(1, 2L, 3.5, "four", (short) 5);
    assertEquals(mixed, shared.map((Object x) -> x, mixed));
    assertEquals(
        List.of(Long.MAX_VALUE, Long.MIN_VALUE),
        shared.map((Long x) -> x, List.of(Long.MAX_VALUE, Long.MIN_VALUE)));
    assertEquals(List.of(-0.0, Double.NaN), shared.map((Double x) -> x, List.of(-0.0, Double.NaN)));
    assertEquals(List.of(2L, 4L), shared.map((Integer x) -> (long) x * 2, List.of(1, 2)));
    assertEquals(
        Arrays.asList(null, 1), shared.map((Integer x) -> x == 0 ? null : x, List.of(0, 1)));
  }

  @Test
  void largePayloadsCrossByteForByteBothWays() throws Exception {
    byte[] payload = new byte[24 << 20];
    new Random(7).nextBytes(payload);
    assertArrayEquals(payload, shared.apply((byte[] bytes) -> bytes, payload));
    byte[] inverted = shared.apply(Tasks::invert, payload);
    assertEquals(payload.length, inverted.length);
    for (int i = 0; i < payload.length; i += 4093) {
      assertEquals((byte) ~payload[i], inverted[i], "byte " + i);
    }
    assertEquals((byte) ~payload[payload.length - 1], inverted[payload.length - 1]);
  }

  @Test
  void applyAsyncCallbackRunsOnCallbackThreadNotResultReader() throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    List<String> threads = new CopyOnWriteArrayList<>();
    AsyncResult<Integer> result =
        shared.applyAsync(
            () -> 6 * 7,
            value -> {
              threads.add(Thread.currentThread().getName() + "=" + value);
              called.countDown();
            },
            error -> {});
    assertEquals(42, result.get());
    assertTrue(called.await(10, TimeUnit.SECONDS));
    assertTrue(threads.get(0).contains("callbacks"), threads.toString());
    assertTrue(threads.get(0).endsWith("=42"));
  }

  @Test
  void errorCallbackGetsTheRemoteException() throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    AsyncResult<Integer> result =
        shared.applyAsync(
            Tasks::failOnOdd,
            3,
            value -> {},
            error -> {
              errors.add(error);
              called.countDown();
            });
    assertThrows(ExecutionException.class, result::get);
    assertTrue(called.await(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalArgumentException.class, errors.get(0));
  }

  @Test
  void throwingOrSlowCallbackDoesNotDelayOtherResults() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    shared.applyAsync(
        () -> 1,
        value -> {
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        null);
    shared.applyAsync(
        () -> 2,
        value -> {
          throw new IllegalStateException("callback fails on purpose");
        },
        null);
    try {
      assertEquals(3, (int) shared.applyAsync(() -> 3).get(10, TimeUnit.SECONDS));
      assertEquals(4, (int) shared.apply(() -> 4));
    } finally {
      release.countDown();
    }
  }

  @Test
  void applyAsyncOfRunnableCompletesWithNull() throws Exception {
    assertNull(shared.applyAsync(() -> System.out.print("")).get());
  }

  // ---- AsyncResult ----

  @Test
  void getWithTimeoutThrowsAndTheTaskKeepsRunning() throws Exception {
    AsyncResult<Integer> result = shared.applyAsync(Tasks::sleepThenReturn, 700);
    assertThrows(TimeoutException.class, () -> result.get(Duration.ofMillis(50)));
    assertFalse(result.ready());
    assertThrows(IllegalStateException.class, result::successful);
    assertFalse(result.waitFor(Duration.ofMillis(10)));
    assertEquals(700, result.get(Duration.ofSeconds(20)));
    assertTrue(result.waitFor(Duration.ofMillis(1)));
    assertTrue(result.ready());
    assertTrue(result.successful());
  }

  @Test
  void waitForThenSuccessfulIsFalseOnFailure() throws Exception {
    AsyncResult<Integer> result = shared.applyAsync(Tasks::failOnOdd, 1);
    result.waitFor();
    assertTrue(result.isDone());
    assertFalse(result.successful());
  }

  @Test
  void completableFutureView() throws Exception {
    List<Integer> lengths =
        List.of("a", "bb", "ccc").stream()
            .map(s -> shared.applyAsync(String::length, s).toCompletableFuture())
            .map(future -> future.thenApply(n -> n * 10))
            .map(future -> future.join())
            .toList();
    assertEquals(List.of(10, 20, 30), lengths);
    CompletionException failed =
        assertThrows(
            CompletionException.class,
            () -> shared.applyAsync(Tasks::failOnOdd, 5).toCompletableFuture().join());
    assertInstanceOf(IllegalArgumentException.class, failed.getCause());
  }

  // ---- exceptions ----

  @Test
  void taskExceptionKeepsTypeMessageAndRemoteStackTrace() {
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> shared.apply(Tasks::failOnOdd, 7));
    IllegalArgumentException cause =
        assertInstanceOf(IllegalArgumentException.class, failure.getCause());
    assertEquals("odd input 7", cause.getMessage());
    assertTrue(
        Arrays.stream(cause.getStackTrace())
            .anyMatch(frame -> frame.getMethodName().equals("failOnOdd")),
        "remote frame missing: " + Arrays.toString(cause.getStackTrace()));
    assertTrue(failure.getMessage().contains("pid"), failure.getMessage());
  }

  @Test
  void checkedExceptionAndCauseChainCrossTheBoundary() {
    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () ->
                shared.apply(
                    () -> {
                      throw new java.io.IOException("outer", new IllegalStateException("inner"));
                    }));
    assertInstanceOf(java.io.IOException.class, failure.getCause());
    assertInstanceOf(IllegalStateException.class, failure.getCause().getCause());
    assertEquals("inner", failure.getCause().getCause().getMessage());
  }

  @Test
  void exceptionThatCannotBeRebuiltArrivesAsRemoteException() {
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> shared.apply(Tasks::throwUnrebuildable, 9));
    Throwable cause = failure.getCause();
    if (cause instanceof RemoteException remote) {
      assertEquals(Tasks.Unrebuildable.class.getName(), remote.remoteClassName());
      assertEquals("code 9", remote.remoteMessage());
    } else {
      assertInstanceOf(Tasks.Unrebuildable.class, cause);
      assertEquals("code 9", cause.getMessage());
    }
    assertTrue(
        Arrays.stream(cause.getStackTrace())
            .anyMatch(frame -> frame.getMethodName().equals("throwUnrebuildable")));
  }

  @Test
  void unserializableArgumentFailsAtSubmitNamingTheType() {
    Thread notSendable = new Thread(() -> {});
    SerializationException failure =
        assertThrows(
            SerializationException.class,
            () -> shared.applyAsync((Thread t) -> t.getName(), notSendable));
    assertTrue(failure.getMessage().contains("java.lang.Thread"), failure.getMessage());
  }

  @Test
  void unserializableResultFailsThatTaskAndTheWorkerSurvives() throws Exception {
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> shared.apply(() -> new Thread(() -> {})));
    SerializationException cause =
        assertInstanceOf(SerializationException.class, failure.getCause());
    assertTrue(cause.getMessage().contains("java.lang.Thread"), cause.getMessage());
    assertEquals(4, (int) shared.apply(Tasks::square, 2));
  }

  @Test
  void userPrintsInsideTasksDoNotBreakThePool() throws Exception {
    List<Integer> results =
        shared.map(
            (Integer x) -> {
              System.out.println("printing from a task " + x);
              System.out.write(new byte[] {0, 0, 0, 9, 'g', 'a', 'r', 'b'});
              System.out.flush();
              return x + 1;
            },
            IntStream.range(0, 50).boxed().toList());
    assertEquals(IntStream.range(1, 51).boxed().toList(), results);
  }

  // ---- map / starmap ----

  @Test
  void mapKeepsInputOrderWithDefaultAndExplicitChunksize() throws Exception {
    List<Integer> input = IntStream.range(0, 1000).boxed().toList();
    List<Integer> expected = input.stream().map(x -> x * x).toList();
    assertEquals(expected, shared.map(Tasks::square, input));
    assertEquals(expected, shared.map(Tasks::square, input, 7));
    assertEquals(List.of(), shared.map(Tasks::square, List.<Integer>of()));
  }

  @Test
  void mapFailsFastWithTheFirstFailure() {
    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () -> shared.map(Tasks::failOnOdd, List.of(0, 2, 4, 5, 6), 1));
    assertEquals("odd input 5", failure.getCause().getMessage());
  }

  @Test
  void mapAsyncWithCallback() throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    List<List<Integer>> seen = new CopyOnWriteArrayList<>();
    AsyncResult<List<Integer>> result =
        shared.mapAsync(
            Tasks::square,
            List.of(1, 2, 3),
            2,
            list -> {
              seen.add(list);
              called.countDown();
            },
            null);
    assertEquals(List.of(1, 4, 9), result.get());
    assertTrue(called.await(10, TimeUnit.SECONDS));
    assertEquals(List.of(1, 4, 9), seen.get(0));
  }

  @Test
  void starmapAppliesPairs() throws Exception {
    List<Map.Entry<Integer, Integer>> pairs =
        List.of(Map.entry(1, 2), Map.entry(3, 4), Map.entry(5, 6));
    assertEquals(List.of(3, 7, 11), shared.starmap(Integer::sum, pairs));
    assertEquals(List.of(3, 7, 11), shared.starmap(Integer::sum, pairs, 2));
    assertEquals(
        List.of("1x2", "3x4", "5x6"),
        shared.starmapAsync((Integer a, Integer b) -> a + "x" + b, pairs).get());
  }

  // ---- imap ----

  @Test
  void imapKeepsOrderAndImapUnorderedYieldsInCompletionOrder() throws Exception {
    List<Integer> sleeps = List.of(800, 10, 10, 10);
    List<Integer> ordered = new ArrayList<>();
    shared.imap(Tasks::sleepThenReturn, sleeps).forEachRemaining(ordered::add);
    assertEquals(sleeps, ordered);
    List<Integer> unordered = new ArrayList<>();
    shared.imapUnordered(Tasks::sleepThenReturn, sleeps).forEachRemaining(unordered::add);
    assertEquals(new HashSet<>(sleeps), new HashSet<>(unordered));
    assertNotEquals(800, unordered.get(0), "the slow first item should not come first");
  }

  @Test
  void imapWithChunksize() throws Exception {
    List<Integer> input = IntStream.range(0, 100).boxed().toList();
    List<Integer> out = new ArrayList<>();
    shared.imap(Tasks::square, input, 7).forEachRemaining(out::add);
    assertEquals(input.stream().map(x -> x * x).toList(), out);
    Set<Integer> unordered = new HashSet<>();
    shared.imapUnordered(Tasks::square, input, 9).forEachRemaining(unordered::add);
    assertEquals(input.stream().map(x -> x * x).collect(Collectors.toSet()), unordered);
  }

  @Test
  void imapIsLazyOverAnInfiniteSource() {
    AtomicInteger pulled = new AtomicInteger();
    Iterable<Integer> infinite =
        () -> Stream.iterate(0, i -> i + 1).peek(i -> pulled.incrementAndGet()).iterator();
    try (ResultIterator<Integer> squares = shared.imap(Tasks::square, infinite)) {
      for (int i = 0; i < 200; i++) {
        assertEquals(i * i, squares.next());
      }
      assertTrue(pulled.get() < 200 + 64, "read too far ahead: " + pulled.get());
    }
  }

  @Test
  void imapNextWithTimeoutAndFailuresAtTheirPositions() throws Exception {
    try (ResultIterator<Integer> results = shared.imap(Tasks::failOnOdd, List.of(0, 1, 2, 3, 4))) {
      assertEquals(0, results.next(Duration.ofSeconds(20)));
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> results.next(Duration.ofSeconds(20)));
      assertEquals("odd input 1", failure.getCause().getMessage());
      assertEquals(2, results.next());
      CompletionException unchecked = assertThrows(CompletionException.class, results::next);
      assertEquals("odd input 3", unchecked.getCause().getMessage());
      assertEquals(4, results.next());
      assertFalse(results.hasNext());
      assertThrows(NoSuchElementException.class, results::next);
    }
    try (ResultIterator<Integer> slow = shared.imap(Tasks::sleepThenReturn, List.of(600))) {
      assertThrows(TimeoutException.class, () -> slow.next(Duration.ofMillis(20)));
      assertEquals(600, slow.next(Duration.ofSeconds(20)));
    }
  }

  @Test
  void inputIteratorExceptionSurfacesAtItsPosition() {
    Iterable<Integer> failingInput =
        () ->
            new Iterator<>() {
              int next;

              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Integer next() {
                if (next == 3) {
                  throw new IllegalStateException("input broke at 3");
                }
                return next++;
              }
            };
    ResultIterator<Integer> results = shared.imap(Tasks::square, failingInput);
    assertEquals(List.of(0, 1, 4), List.of(results.next(), results.next(), results.next()));
    CompletionException failure = assertThrows(CompletionException.class, results::next);
    assertEquals("input broke at 3", failure.getCause().getMessage());
    assertFalse(results.hasNext());
  }

  // ---- validation (Python's errors, Java's exceptions) ----

  @Test
  void invalidArgumentsAreRejectedNamingTheArgument() {
    IllegalArgumentException processes =
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().processes(0));
    assertTrue(processes.getMessage().contains("processes"));
    IllegalArgumentException maxTasks =
        assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxTasksPerChild(0));
    assertTrue(maxTasks.getMessage().contains("maxTasksPerChild"));
    List<Integer> items = List.of(1, 2);
    for (org.junit.jupiter.api.function.Executable call :
        List.<org.junit.jupiter.api.function.Executable>of(
            () -> shared.map(Tasks::square, items, 0),
            () -> shared.imap(Tasks::square, items, 0),
            () -> shared.imapUnordered(Tasks::square, items, -1),
            () -> shared.starmap(Integer::sum, List.of(Map.entry(1, 2)), 0))) {
      IllegalArgumentException chunksize = assertThrows(IllegalArgumentException.class, call);
      assertTrue(chunksize.getMessage().contains("chunksize"), chunksize.getMessage());
    }
    IllegalArgumentException transport =
        assertThrows(
            IllegalArgumentException.class, () -> Pool.builder().transport("no-such").build());
    assertTrue(transport.getMessage().contains("no-such"), transport.getMessage());
  }

  // ---- workers ----

  @Test
  void initializerRunsOncePerWorker() throws Exception {
    try (Pool pool = builder().initializer(Tasks::initialize).build()) {
      List<String> infos = pool.map((Integer i) -> Tasks.initializedInfo(), range(40), 1);
      Set<String> distinct = new HashSet<>(infos);
      assertTrue(distinct.size() <= 2, distinct.toString());
      distinct.forEach(info -> assertTrue(info.endsWith(":1"), info));
    }
  }

  @Test
  void maxTasksPerChildReplacesWorkers() throws Exception {
    try (Pool pool = builder().processes(1).maxTasksPerChild(2).build()) {
      List<Long> pids = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        pids.add(pool.apply(Tasks::pid));
      }
      assertEquals(3, new HashSet<>(pids).size(), pids.toString());
      assertEquals(pids.get(0), pids.get(1));
      assertNotEquals(pids.get(1), pids.get(2));
      assertTrue(pool.statistics().workersStarted() >= 3);
      assertEquals(6, pool.statistics().tasksCompleted());
      assertTrue(pool.statistics().workersRetired() >= 2, pool.statistics().toString());
    }
  }

  @Test
  void failingInitializerBreaksThePoolFast() {
    try (Pool pool =
        builder()
            .initializer(
                () -> {
                  throw new IllegalStateException("no database");
                })
            .build()) {
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> pool.apply(() -> 1));
      BrokenPoolException broken = assertInstanceOf(BrokenPoolException.class, failure.getCause());
      assertTrue(broken.getMessage().contains("no database"), broken.getMessage());
      assertThrows(BrokenPoolException.class, () -> pool.apply(() -> 2));
    }
  }

  @Test
  void workerExitFailsOnlyItsTaskAndIsReplaced() throws Exception {
    try (Pool pool = builder().build()) {
      ExecutionException failure =
          assertThrows(
              ExecutionException.class,
              () ->
                  pool.apply(
                      () -> {
                        System.exit(3);
                        return 0;
                      }));
      WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, failure.getCause());
      assertEquals(3, died.exitCode().orElseThrow());
      assertTrue(died.getMessage().contains("exited with code 3"), died.getMessage());
      assertEquals(List.of(1, 4, 9), pool.map(Tasks::square, List.of(1, 2, 3)));
    }
  }

  @Test
  void badJvmOptionBreaksThePoolWithTheJvmsOwnMessage() {
    try (Pool pool = builder().jvmOptions("-XX:+NoSuchJvmOption").build()) {
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> pool.apply(() -> 1));
      assertTrue(
          failure.getCause().getMessage().contains("NoSuchJvmOption"),
          failure.getCause().getMessage());
    }
  }

  @Test
  void serializerConfigurationThatDiffersInTheWorkerFailsLoudly() {
    try (Pool pool = builder().serializer("mismatched").build()) {
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> pool.apply(() -> null));
      BrokenPoolException broken = assertInstanceOf(BrokenPoolException.class, failure.getCause());
      assertTrue(broken.getMessage().contains("version-1"), broken.getMessage());
      assertTrue(broken.getMessage().contains("version-2"), broken.getMessage());
    }
  }

  @Test
  void workersGetTheirOwnJvmOptions() throws Exception {
    try (Pool pool = builder().jvmOptions("-Dmp4j.test.flag=on", "-Xmx64m").build()) {
      assertEquals("on", pool.apply(() -> System.getProperty("mp4j.test.flag")));
      long max = pool.apply(() -> Runtime.getRuntime().maxMemory());
      assertTrue(max <= 64L << 20, "max heap " + max);
    }
  }

  // ---- lifecycle ----

  @Test
  void closeDrainsSubmittedWork() throws Exception {
    Pool pool = builder().build();
    List<AsyncResult<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      results.add(pool.applyAsync(Tasks::sleepThenReturn, 100));
    }
    pool.close();
    for (AsyncResult<Integer> result : results) {
      assertTrue(result.isDone());
      assertEquals(100, result.get());
    }
    assertTrue(pool.join(Duration.ofSeconds(1)));
  }

  @Test
  void submittingAfterShutdownFailsClearly() throws Exception {
    Pool pool = builder().build();
    pool.shutdown();
    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> pool.apply(() -> 1));
    assertTrue(failure.getMessage().contains("Pool not running"));
    assertThrows(IllegalStateException.class, () -> pool.map(Tasks::square, List.of(1)));
    assertThrows(IllegalStateException.class, () -> pool.imap(Tasks::square, List.of(1)));
    pool.join();
  }

  @Test
  void joinBeforeShutdownFails() throws Exception {
    try (Pool pool = builder().build()) {
      IllegalStateException failure = assertThrows(IllegalStateException.class, pool::join);
      assertTrue(failure.getMessage().contains("still running"));
      assertThrows(IllegalStateException.class, () -> pool.join(Duration.ofMillis(1)));
    }
  }

  @Test
  void terminateKillsWorkersAndCancelsUnfinishedTasks() throws Exception {
    Pool pool = builder().build();
    List<AsyncResult<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      results.add(pool.applyAsync(Tasks::sleepThenReturn, 30_000));
    }
    Thread.sleep(300);
    long started = System.nanoTime();
    pool.terminate();
    assertTrue(pool.join(Duration.ofSeconds(10)));
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
    for (AsyncResult<Integer> result : results) {
      assertThrows(CancellationException.class, result::get);
      assertTrue(result.isCancelled());
    }
  }

  @Test
  void cancelRemovesAQueuedTask() throws Exception {
    try (Pool pool = builder().processes(1).build()) {
      AsyncResult<Integer> running = pool.applyAsync(Tasks::sleepThenReturn, 500);
      List<AsyncResult<Integer>> queued = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        queued.add(pool.applyAsync(Tasks::sleepThenReturn, 1));
      }
      AsyncResult<Integer> last = queued.get(4);
      assertTrue(last.cancel(false));
      assertTrue(last.isCancelled());
      assertThrows(CancellationException.class, last::get);
      assertEquals(500, running.get());
      assertEquals(1, queued.get(0).get());
    }
  }

  @Test
  void aWorkerExitsWhenItsParentIsKilled() throws Exception {
    assertWorkersOutliveNoParent(false);
  }

  @Test
  void aWorkerExitsWhenItsParentExitsWithoutClosingThePool() throws Exception {
    assertWorkersOutliveNoParent(true);
  }

  private void assertWorkersOutliveNoParent(boolean exitNormally) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ParentThatDies.class.getName(),
                transportName()));
    if (exitNormally) {
      command.add("exit");
    }
    Process parent =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("WORKERS ")) {
        // Skip anything else the parent prints.
      }
      assertTrue(line != null, "the parent exited before reporting its workers");
      List<ProcessHandle> workers =
          Arrays.stream(line.substring("WORKERS ".length()).split(" "))
              .map(pid -> ProcessHandle.of(Long.parseLong(pid)).orElseThrow())
              .toList();
      assertEquals(2, workers.size());
      if (exitNormally) {
        parent.getOutputStream().write('\n');
        parent.getOutputStream().flush();
        assertTrue(parent.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, parent.exitValue());
      } else {
        parent.destroyForcibly();
        parent.waitFor();
      }
      long gone = System.nanoTime();
      for (ProcessHandle worker : workers) {
        while (worker.isAlive() && System.nanoTime() - gone < TimeUnit.SECONDS.toNanos(2)) {
          Thread.sleep(10);
        }
        assertFalse(worker.isAlive(), "worker " + worker.pid() + " outlived its parent");
      }
    } finally {
      parent.destroyForcibly();
    }
  }

  private static List<Integer> range(int n) {
    return Collections.unmodifiableList(IntStream.range(0, n).boxed().toList());
  }

  static int printThenReturn(int x) {
    System.out.println("printed by task " + x);
    return x;
  }

  @Test
  void joinReturnsOnlyOnceEveryCallbackHasRunAndEveryWorkerLineIsOut() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    List<Integer> calledBack = new CopyOnWriteArrayList<>();
    Pool pool = builder().workerOutput((worker, pid, line) -> lines.add(line)).build();
    for (int i = 0; i < 4; i++) {
      pool.applyAsync(
          AbstractPoolContractTest::printThenReturn,
          i,
          value -> {
            try {
              Thread.sleep(100);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            calledBack.add(value);
          },
          null);
    }
    pool.shutdown();
    pool.join();
    assertEquals(Set.of(0, 1, 2, 3), new HashSet<>(calledBack));
    for (int i = 0; i < 4; i++) {
      assertTrue(lines.contains("printed by task " + i), lines.toString());
    }
  }
}
