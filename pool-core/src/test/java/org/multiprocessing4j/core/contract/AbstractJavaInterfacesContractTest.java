package org.multiprocessing4j.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.PoolExecutorService;
import org.multiprocessing4j.Queue;
import org.multiprocessing4j.ResultIterator;
import org.multiprocessing4j.SerializableCallable;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.TaskTimeoutException;

/**
 * The JDK's interfaces over a pool of real worker JVMs, over the transport a subclass chooses: the
 * {@code ExecutorService} view, the {@code CompletableFuture} of a result, and results and inputs
 * as streams and iterators.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractJavaInterfacesContractTest {
  private Pool shared;
  private PoolExecutorService executor;

  /** Chooses the transport under test, for example {@code builder.transport("pipe")}. */
  protected abstract Pool.Builder configure(Pool.Builder builder);

  /** The transport's name, as its provider reports it. */
  protected abstract String transportName();

  private String sharedName() {
    return "jdk-" + transportName();
  }

  @BeforeAll
  void startSharedPool() {
    shared = configure(Pool.builder().processes(2)).name(sharedName()).build();
    executor = shared.asExecutorService();
  }

  @AfterAll
  void stopSharedPoolAndCheckNoChildLeft() throws Exception {
    shared.close();
    ChildProcesses.assertNoneLeft();
  }

  // ---- ExecutorService: submitting ----

  /** A Callable of the JDK's type whose class is Serializable: accepted as it is. */
  static final class NamedCallable implements Callable<String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String call() {
      return "named in " + CurrentProcess.pid();
    }
  }

  @Test
  void submitRunsCallablesAndRunnablesInAWorker() throws Exception {
    long here = ProcessHandle.current().pid();
    Callable<Long> lambda = (Callable<Long> & Serializable) CurrentProcess::pid;
    assertNotEquals(here, executor.submit(lambda).get(30, TimeUnit.SECONDS));
    SerializableCallable<Boolean> ours = CurrentProcess::isWorker;
    assertTrue(executor.submit(ours).get(30, TimeUnit.SECONDS));
    String named = executor.submit(new NamedCallable()).get(30, TimeUnit.SECONDS);
    assertTrue(named.startsWith("named in ") && !named.equals("named in " + here), named);
    Runnable runnable = (Runnable & Serializable) () -> CurrentProcess.pid();
    assertNull(executor.submit(runnable).get(30, TimeUnit.SECONDS));
    Object notSerializable = new Object();
    assertSame(
        notSerializable, executor.submit(runnable, notSerializable).get(30, TimeUnit.SECONDS));
  }

  @Test
  void executeRunsTheRunnableInAWorker() throws Exception {
    try (Manager manager = Manager.start()) {
      Queue<Long> pids = manager.queue();
      executor.execute((Runnable & Serializable) () -> pids.add(CurrentProcess.pid()));
      Long pid = pids.poll(Duration.ofSeconds(30));
      assertNotEquals(ProcessHandle.current().pid(), pid);
    }
  }

  @Test
  void theViewOfAPoolViewFollowsItsTaskTimeout() {
    PoolExecutorService timed = shared.withTaskTimeout(Duration.ofMillis(300)).asExecutorService();
    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () -> timed.submit(sleepThen(30_000, "too slow")).get(30, TimeUnit.SECONDS));
    assertInstanceOf(TaskTimeoutException.class, failure.getCause());
  }

  @Test
  void aFailingTaskFailsItsFutureWithTheTasksException() {
    Callable<Integer> failing = (Callable<Integer> & Serializable) () -> Tasks.failOnOdd(3);
    ExecutionException failure =
        assertThrows(
            ExecutionException.class, () -> executor.submit(failing).get(30, TimeUnit.SECONDS));
    assertInstanceOf(IllegalArgumentException.class, failure.getCause());
    assertEquals("odd input 3", failure.getCause().getMessage());
  }

  @Test
  void aPlainCallableLambdaIsRefusedNamingItAndTheFix() {
    Callable<Integer> plain = () -> 1;
    SerializationException refused =
        assertThrows(SerializationException.class, () -> executor.submit(plain));
    String message = refused.getMessage();
    assertTrue(message.contains(AbstractJavaInterfacesContractTest.class.getName()), message);
    assertTrue(message.contains("Callable that is not Serializable"), message);
    assertTrue(message.contains("SerializableCallable"), message);
    assertTrue(message.contains("(Callable<T> & Serializable)"), message);
    Runnable plainRunnable = () -> {};
    SerializationException runnable =
        assertThrows(SerializationException.class, () -> executor.execute(plainRunnable));
    assertTrue(runnable.getMessage().contains("(Runnable & Serializable)"), runnable.getMessage());
    assertThrows(NullPointerException.class, () -> executor.submit((Callable<Object>) null));
  }

  @Test
  void anAnonymousCallableCapturingANonSerializableObjectIsRefused() {
    Thread notSerializable = Thread.currentThread();
    Callable<String> anonymous =
        new Callable<>() {
          @Override
          public String call() {
            return notSerializable.getName();
          }
        };
    SerializationException refused =
        assertThrows(SerializationException.class, () -> executor.submit(anonymous));
    assertTrue(
        refused.getMessage().contains("an instance of " + anonymous.getClass().getName()),
        refused.getMessage());
  }

  /** Serializable itself, but holding what no serializer can send. */
  static final class HoldsAThread implements Callable<String>, Serializable {
    private static final long serialVersionUID = 1L;
    final Thread thread = Thread.currentThread();

    @Override
    public String call() {
      return thread.getName();
    }
  }

  @Test
  void aSerializableCallableThatCapturesWhatCannotBeSentFailsNamingBoth() {
    SerializationException refused =
        assertThrows(SerializationException.class, () -> executor.submit(new HoldsAThread()));
    assertTrue(refused.getMessage().contains(HoldsAThread.class.getName()), refused.getMessage());
    assertTrue(refused.getMessage().contains("java.lang.Thread"), refused.getMessage());
  }

  // ---- ExecutorService: invoking ----

  static Callable<String> sleepThen(int millis, String value) {
    return (Callable<String> & Serializable)
        () -> {
          Thread.sleep(millis);
          return value;
        };
  }

  static Callable<String> failing(String message) {
    return (Callable<String> & Serializable)
        () -> {
          throw new IllegalStateException(message);
        };
  }

  @Test
  void invokeAllWaitsForEveryTaskAndKeepsTheirOrder() throws Exception {
    List<Future<String>> futures =
        executor.invokeAll(List.of(sleepThen(300, "a"), failing("b failed"), sleepThen(10, "c")));
    assertEquals(3, futures.size());
    assertTrue(futures.stream().allMatch(Future::isDone));
    assertEquals("a", futures.get(0).get());
    ExecutionException failure = assertThrows(ExecutionException.class, futures.get(1)::get);
    assertEquals("b failed", failure.getCause().getMessage());
    assertEquals("c", futures.get(2).get());
  }

  @Test
  void invokeAllWithATimeoutCancelsWhatIsUnfinished() throws Exception {
    List<Future<String>> futures =
        executor.invokeAll(
            List.of(sleepThen(10, "quick"), sleepThen(30_000, "slow")), 2, TimeUnit.SECONDS);
    assertEquals("quick", futures.get(0).get());
    assertTrue(futures.get(1).isCancelled());
    assertThrows(CancellationException.class, futures.get(1)::get);
    assertEquals("after", executor.submit(sleepThen(0, "after")).get(30, TimeUnit.SECONDS));
  }

  @Test
  void invokeAnyReturnsTheFirstSuccessAndStopsTheRest() throws Exception {
    try (Manager manager = Manager.start()) {
      Queue<String> finished = manager.queue();
      Callable<String> slow =
          (Callable<String> & Serializable)
              () -> {
                Thread.sleep(1_500);
                finished.put("slow finished");
                return "slow";
              };
      // The slow task last, so that no worker holds the fast one behind it.
      assertEquals(
          "fast", executor.invokeAny(List.of(sleepThen(0, "fast"), failing("fails"), slow)));
      assertNull(finished.poll(Duration.ofMillis(2_500)), "the slow task was not stopped");
    }
    assertEquals("after", executor.submit(sleepThen(0, "after")).get(30, TimeUnit.SECONDS));
  }

  @Test
  void invokeAnyWhenAllFailThrowsTheLastFailureWithTheOthersSuppressed() {
    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () -> executor.invokeAny(List.of(failing("x"), failing("y"), failing("z"))));
    assertInstanceOf(IllegalStateException.class, failure.getCause());
    assertEquals(2, failure.getSuppressed().length);
    Set<String> messages = new HashSet<>();
    messages.add(failure.getCause().getMessage());
    for (Throwable other : failure.getSuppressed()) {
      messages.add(other.getMessage());
    }
    assertEquals(Set.of("x", "y", "z"), messages);
    assertThrows(IllegalArgumentException.class, () -> executor.invokeAny(List.of()));
  }

  @Test
  void invokeAnyWithATimeoutThrowsTimeoutException() {
    assertThrows(
        TimeoutException.class,
        () -> executor.invokeAny(List.of(sleepThen(30_000, "slow")), 300, TimeUnit.MILLISECONDS));
  }

  // ---- ExecutorService: lifecycle ----

  @Test
  void shutdownNowStopsRunningTasksAndReturnsThoseThatNeverStarted() throws Exception {
    Pool pool = configure(Pool.builder().processes(1)).name("jdk-now-" + transportName()).build();
    try {
      PoolExecutorService view = pool.asExecutorService();
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        futures.add(view.submit(sleepThen(30_000, "slow " + i)));
      }
      Callable<String> local = (Callable<String> & Serializable) () -> "ran here";
      futures.add(view.submit(local));
      Runnable executed = (Runnable & Serializable) () -> {};
      view.execute(executed);
      List<Runnable> neverStarted = view.shutdownNow();
      assertTrue(neverStarted.size() >= 4, "a worker holds 2 tasks at most: " + neverStarted);
      assertSame(executed, neverStarted.get(neverStarted.size() - 1));
      FutureTask<?> localTask =
          assertInstanceOf(FutureTask.class, neverStarted.get(neverStarted.size() - 2));
      localTask.run();
      assertEquals("ran here", localTask.get());
      for (Future<String> future : futures) {
        assertThrows(CancellationException.class, future::get);
      }
      assertTrue(view.isShutdown());
      assertTrue(view.awaitTermination(30, TimeUnit.SECONDS));
      assertTrue(view.isTerminated());
      assertThrows(RejectedExecutionException.class, () -> view.submit(local));
      assertThrows(RejectedExecutionException.class, () -> view.execute(executed));
    } finally {
      pool.terminate();
    }
  }

  @Test
  void shutdownDrainsAndCloseWaitsForTermination() throws Exception {
    Pool pool = configure(Pool.builder().processes(1)).name("jdk-close-" + transportName()).build();
    try {
      AsyncResult<String> pending;
      try (PoolExecutorService view = pool.asExecutorService()) {
        assertFalse(view.awaitTermination(100, TimeUnit.MILLISECONDS), "not shut down yet");
        pending = view.submit(sleepThen(300, "drained"));
        view.shutdown();
        assertTrue(view.isShutdown());
        assertTrue(pool.isShutdown(), "the view's lifecycle is the pool's");
        assertThrows(RejectedExecutionException.class, () -> view.submit(sleepThen(0, "late")));
      }
      assertTrue(pending.isDone());
      assertEquals("drained", pending.get());
      assertTrue(pool.asExecutorService().isTerminated());
    } finally {
      pool.terminate();
    }
  }

  // ---- CompletableFuture ----

  private boolean onCallbackThread(String thread) {
    return thread.startsWith(sharedName() + "-callbacks");
  }

  @Test
  void asyncDependentsWithoutAnExecutorRunOnTheCallbackExecutor() throws Exception {
    CompletableFuture<Integer> future = shared.applyAsync(() -> 6).toCompletableFuture();
    assertNotSame(ForkJoinPool.commonPool(), future.defaultExecutor());
    String async =
        future.thenApplyAsync(x -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS);
    assertTrue(onCallbackThread(async), async);
    String derived =
        future
            .thenApply(x -> x * 7)
            .thenApplyAsync(x -> x + " " + Thread.currentThread().getName())
            .get(30, TimeUnit.SECONDS);
    assertTrue(derived.startsWith("42 ") && onCallbackThread(derived.substring(3)), derived);
    String supplied =
        future
            .thenCompose(x -> CompletableFuture.completedFuture(x))
            .thenRunAsync(() -> {})
            .thenApply(ignored -> Thread.currentThread().getName())
            .get(30, TimeUnit.SECONDS);
    assertTrue(onCallbackThread(supplied), supplied);
  }

  @Test
  void dependentsAddedAfterCompletionRunOnTheCallbackExecutor() throws Exception {
    AsyncResult<Integer> result = shared.applyAsync(() -> 1);
    CompletableFuture<Integer> future = result.toCompletableFuture();
    future.get(30, TimeUnit.SECONDS);
    assertTrue(future.isDone());
    String test = Thread.currentThread().getName();
    List<String> threads = new ArrayList<>();
    threads.add(future.thenApply(x -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS));
    threads.add(
        future.handle((x, failure) -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS));
    CompletableFuture<String> seen = new CompletableFuture<>();
    future.whenComplete((x, failure) -> seen.complete(Thread.currentThread().getName()));
    threads.add(seen.get(30, TimeUnit.SECONDS));
    threads.add(
        shared
            .applyAsync(() -> Tasks.failOnOdd(1))
            .toCompletableFuture()
            .exceptionally(failure -> -1)
            .thenApply(x -> Thread.currentThread().getName())
            .get(30, TimeUnit.SECONDS));
    for (String thread : threads) {
      assertTrue(onCallbackThread(thread), thread + " (test thread " + test + ")");
    }
  }

  // ---- streams and iterators ----

  @Test
  void resultsStreamLazilyInOrderOverAnInfiniteStream() {
    AtomicInteger pulled = new AtomicInteger();
    Stream<Integer> naturals = Stream.iterate(0, i -> i + 1).peek(i -> pulled.incrementAndGet());
    try (Stream<Integer> squares = shared.imap(Tasks::square, naturals).stream()) {
      assertEquals(
          IntStream.range(0, 100).map(i -> i * i).boxed().toList(), squares.limit(100).toList());
    }
    assertTrue(pulled.get() < 100 + 64, "read too far ahead: " + pulled.get());
  }

  @Test
  void imapTakesAnIteratorAndImapUnorderedAStreamWithAChunksize() {
    List<Integer> ordered = new ArrayList<>();
    shared.imap(Tasks::square, List.of(1, 2, 3).iterator()).forEachRemaining(ordered::add);
    assertEquals(List.of(1, 4, 9), ordered);
    Set<Integer> unordered =
        new HashSet<>(
            shared.imapUnordered(Tasks::square, IntStream.range(0, 20).boxed(), 3).stream()
                .toList());
    assertEquals(new HashSet<>(IntStream.range(0, 20).map(i -> i * i).boxed().toList()), unordered);
    Set<Integer> fromIterator = new HashSet<>();
    shared
        .imapUnordered(Tasks::square, List.of(5, 6).iterator(), 2)
        .forEachRemaining(fromIterator::add);
    assertEquals(Set.of(25, 36), fromIterator);
    assertEquals(List.of(4), shared.imap(Tasks::square, Stream.of(2), 5).stream().toList());
  }

  @Test
  void closingTheStreamCancelsWhatIsLeftAndClosesTheInputStream() {
    AtomicBoolean inputClosed = new AtomicBoolean();
    Stream<Integer> input =
        IntStream.range(0, 30).map(i -> 300).boxed().onClose(() -> inputClosed.set(true));
    long cancelledBefore = shared.statistics().tasksCancelled();
    ResultIterator<Integer> results = shared.imap(Tasks::sleepThenReturn, input);
    Stream<Integer> stream = results.stream();
    assertEquals(300, stream.findFirst().orElseThrow());
    stream.close();
    assertTrue(inputClosed.get(), "closing the results closes the input stream");
    assertFalse(results.hasNext(), "closing the stream closes the iterator");
    assertTrue(
        shared.statistics().tasksCancelled() > cancelledBefore,
        "queued tasks were not withdrawn: " + shared.statistics());
  }

  @Test
  void aFailedPositionThrowsOutOfTheStream() {
    CompletionException failure =
        assertThrows(
            CompletionException.class,
            () -> shared.imap(Tasks::failOnOdd, Stream.of(0, 1, 2)).stream().toList());
    assertEquals("odd input 1", failure.getCause().getMessage());
    Stream<Integer> used = Stream.of(1);
    used.toList();
    assertThrows(IllegalStateException.class, () -> shared.imap(Tasks::square, used));
  }
}
