package org.multiprocessing4j.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Event;
import org.multiprocessing4j.Lock;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.Semaphore;
import org.multiprocessing4j.Value;
import org.multiprocessing4j.WorkerDiedException;

/**
 * The manager's locks, semaphores, events, values, maps and lists, used by real child JVMs over
 * each transport: a transport's test subclasses it and says how to choose the transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractManagerObjectsContractTest extends AbstractManagerContractTest {
  private Pool pool;

  @BeforeAll
  void startPool() {
    pool = configure(Pool.builder().processes(2)).build();
  }

  @AfterAll
  void stopPoolAndCheckNoChildLeft() throws Exception {
    pool.close();
    ChildProcesses.assertNoneLeft();
  }

  /**
   * Returns once both workers are ready and idle, so that the next two tasks go one to each (the
   * pool gives a task to the worker that holds the fewest).
   */
  private void bothWorkersIdle() throws Exception {
    long deadline = System.nanoTime() + LONG.toNanos();
    while (System.nanoTime() < deadline) {
      AsyncResult<Long> first = pool.applyAsync(() -> pidAfter(100));
      AsyncResult<Long> second = pool.applyAsync(() -> pidAfter(100));
      if (!first.get(LONG).equals(second.get(LONG))) {
        return;
      }
    }
    throw new AssertionError("the pool's two workers never ran tasks side by side");
  }

  private static long pidAfter(int millis) throws InterruptedException {
    Thread.sleep(millis);
    return CurrentProcess.pid();
  }

  @Test
  void theSeedExampleChildrenFillADictAndAListThatTheParentSees() throws Exception {
    Map<Object, String> dict = manager.dict();
    List<Integer> list = manager.list(IntStream.range(0, 5).boxed().toList());
    List<AsyncResult<Void>> children = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int index = i;
      children.add(
          pool.applyAsync(
              () -> {
                dict.put(index, "a");
                dict.put("2", "b");
                list.add(index);
              }));
    }
    for (AsyncResult<Void> child : children) {
      child.get(LONG);
    }
    Map<Object, String> expected = new HashMap<>();
    IntStream.range(0, 10).forEach(i -> expected.put(i, "a"));
    expected.put("2", "b");
    assertEquals(expected, dict);
    assertEquals(List.of(0, 1, 2, 3, 4), list.subList(0, 5));
    assertEquals(
        IntStream.range(0, 10).boxed().toList(), list.subList(5, 15).stream().sorted().toList());
  }

  @Test
  void aLockGivesMutualExclusionBetweenTwoChildren() throws Exception {
    Lock lock = manager.lock();
    List<String> marks = manager.list();
    bothWorkersIdle();
    List<AsyncResult<Long>> children = new ArrayList<>();
    for (String name : List.of("x", "y")) {
      children.add(
          pool.applyAsync(
              () -> {
                for (int i = 0; i < 20; i++) {
                  lock.acquire();
                  try {
                    marks.add("start " + name);
                    Thread.sleep(1);
                    marks.add("end " + name);
                  } finally {
                    lock.release();
                  }
                }
                return CurrentProcess.pid();
              }));
    }
    assertNotEquals(children.get(0).get(LONG), children.get(1).get(LONG));
    List<String> seen = new ArrayList<>(marks);
    assertEquals(80, seen.size());
    for (int i = 0; i < seen.size(); i += 2) {
      String name = seen.get(i).substring("start ".length());
      assertEquals("start " + name, seen.get(i), "at " + i + " in " + seen);
      assertEquals("end " + name, seen.get(i + 1), "at " + (i + 1) + " in " + seen);
    }
    assertFalse(lock.isLocked());
  }

  /** Written against the JDK's {@code Lock} alone, as code that knows nothing of this library. */
  private static long markUnderAJdkLock(
      java.util.concurrent.locks.Lock lock, List<String> marks, String name)
      throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      if (i % 2 == 0) {
        lock.lock();
      } else {
        lock.lockInterruptibly();
      }
      try {
        marks.add("start " + name);
        Thread.sleep(1);
        marks.add("end " + name);
      } finally {
        lock.unlock();
      }
    }
    return CurrentProcess.pid();
  }

  @Test
  void aLockUsedThroughTheJdkLockInterfaceExcludesAcrossChildren() throws Exception {
    java.util.concurrent.locks.Lock lock = manager.lock();
    List<String> marks = manager.list();
    bothWorkersIdle();
    List<AsyncResult<Long>> children = new ArrayList<>();
    for (String name : List.of("x", "y")) {
      children.add(pool.applyAsync(() -> markUnderAJdkLock(lock, marks, name)));
    }
    assertNotEquals(children.get(0).get(LONG), children.get(1).get(LONG));
    List<String> seen = new ArrayList<>(marks);
    assertEquals(80, seen.size());
    for (int i = 0; i < seen.size(); i += 2) {
      String name = seen.get(i).substring("start ".length());
      assertEquals("start " + name, seen.get(i), "at " + i + " in " + seen);
      assertEquals("end " + name, seen.get(i + 1), "at " + (i + 1) + " in " + seen);
    }
    assertTrue(lock.tryLock(), "every child unlocked");
    lock.unlock();
  }

  @Test
  void jdkLockMethodsAndPythonNamesAreOneLock() throws Exception {
    java.util.concurrent.locks.Lock lock = manager.lock();
    assertTrue(lock.tryLock());
    assertFalse(pool.apply(() -> lock.tryLock() || lock.tryLock(200, TimeUnit.MILLISECONDS)));
    AsyncResult<Boolean> waiter =
        pool.applyAsync(
            () -> {
              lock.lock();
              lock.unlock();
              return true;
            });
    assertFalse(waiter.waitFor(Duration.ofMillis(300)), "lock() waited for the parent's unlock");
    lock.unlock();
    assertTrue(waiter.get(LONG));
    IllegalMonitorStateException notHeld =
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
    assertTrue(notHeld.getMessage().contains("nobody holds"), notHeld.getMessage());
    UnsupportedOperationException noCondition =
        assertThrows(UnsupportedOperationException.class, lock::newCondition);
    assertTrue(noCondition.getMessage().contains("Event or Queue"), noCondition.getMessage());
    Lock python = (Lock) lock;
    python.acquire();
    assertFalse(lock.tryLock(), "acquire() and tryLock() take the same lock");
    lock.unlock();
    assertFalse(python.isLocked());
    assertThrows(IllegalStateException.class, python::release);
  }

  @Test
  void aLockHeldByAChildThatDiesGoesToTheNextWaiter() throws Exception {
    Lock lock = manager.lock();
    Event held = manager.event();
    Event die = manager.event();
    Event waiting = manager.event();
    bothWorkersIdle();
    AsyncResult<Integer> holder =
        pool.applyAsync(
            () -> {
              lock.acquire();
              held.set();
              die.await();
              return Crashes.halt(9);
            });
    assertTrue(held.await(LONG));
    AsyncResult<Long> next =
        pool.applyAsync(
            () -> {
              waiting.set();
              lock.acquire();
              return CurrentProcess.pid();
            });
    assertTrue(waiting.await(LONG));
    Thread.sleep(200);
    assertFalse(next.ready(), "the lock is held");
    die.set();
    ExecutionException died = assertThrows(ExecutionException.class, () -> holder.get(LONG));
    assertInstanceOf(WorkerDiedException.class, died.getCause());
    next.get(LONG);
    assertTrue(lock.isLocked(), "the waiter holds it now");
    lock.release();
  }

  @Test
  void tryAcquireTimesOutAcrossProcesses() throws Exception {
    Lock lock = manager.lock();
    Semaphore semaphore = manager.semaphore(0);
    lock.acquire();
    long waitedMillis =
        pool.apply(
            () -> {
              long start = System.nanoTime();
              if (lock.tryAcquire(Duration.ofMillis(300)) || lock.tryAcquire()) {
                return -1L;
              }
              if (semaphore.tryAcquire(Duration.ofMillis(50)) || semaphore.tryAcquire()) {
                return -2L;
              }
              return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            });
    assertTrue(waitedMillis >= 340, "waited " + waitedMillis + " ms");
    lock.release();
    semaphore.release();
    assertTrue(
        pool.apply(() -> lock.tryAcquire(Duration.ofSeconds(5)) && semaphore.tryAcquire(LONG)));
    assertTrue(lock.isLocked());
    assertEquals(0, semaphore.availablePermits());
  }

  @Test
  void anInterruptedAcquireInAChildIsCancelledAndTakesNothing() throws Exception {
    Lock lock = manager.lock();
    lock.acquire();
    String outcome =
        pool.apply(
            () -> {
              Thread waiter =
                  new Thread(
                      () -> {
                        try {
                          lock.acquire();
                        } catch (InterruptedException expected) {
                          Thread.currentThread().setName("interrupted");
                        }
                      });
              waiter.start();
              Thread.sleep(200);
              waiter.interrupt();
              waiter.join(10_000);
              return waiter.getName();
            });
    assertEquals("interrupted", outcome);
    lock.release();
    assertFalse(lock.isLocked(), "the cancelled acquire was never granted");
  }

  @Test
  void anEventWakesAWaitingChild() throws Exception {
    Event event = manager.event();
    assertFalse(pool.apply(() -> event.await(Duration.ofMillis(100))));
    AsyncResult<Boolean> waiter =
        pool.applyAsync(
            () -> {
              event.await();
              return event.isSet();
            });
    Thread.sleep(200);
    assertFalse(waiter.ready());
    event.set();
    assertTrue(waiter.get(Duration.ofSeconds(10)));
  }

  @Test
  void valueUpdatesFromTwoChildrenAreAtomic() throws Exception {
    Value<Integer> counter = manager.value(0);
    bothWorkersIdle();
    List<AsyncResult<Long>> children = new ArrayList<>();
    for (int child = 0; child < 2; child++) {
      children.add(
          pool.applyAsync(
              () -> {
                for (int i = 0; i < 200; i++) {
                  counter.update(x -> x + 1);
                }
                return CurrentProcess.pid();
              }));
    }
    assertNotEquals(children.get(0).get(LONG), children.get(1).get(LONG));
    assertEquals(400, counter.get());
  }

  @Test
  void anUpdateThatThrowsInTheOwnerThrowsCompletionExceptionInTheChild() throws Exception {
    Value<String> value = manager.value("kept");
    String outcome =
        pool.apply(
            () -> {
              try {
                value.update(
                    x -> {
                      throw new IllegalArgumentException("refused " + x);
                    });
                return "no exception";
              } catch (CompletionException e) {
                return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
              }
            });
    assertEquals("IllegalArgumentException: refused kept", outcome);
    assertEquals("kept", value.get());
  }

  @Test
  void closingTheManagerWakesAChildWaitingToAcquire() throws Exception {
    Lock lock = manager.lock();
    Event waiting = manager.event();
    lock.acquire();
    AsyncResult<String> child =
        pool.applyAsync(
            () -> {
              waiting.set();
              try {
                lock.acquire();
                return "acquired";
              } catch (IllegalStateException e) {
                return "IllegalStateException: " + e.getMessage();
              }
            });
    assertTrue(waiting.await(LONG));
    Thread.sleep(200);
    manager.close();
    assertEquals(
        "IllegalStateException: The Manager that owns this object is closed",
        child.get(Duration.ofSeconds(10)));
  }

  @Test
  void mapAndListMethodsInAChildAreAtomicAndKeepJavaContracts() throws Exception {
    Map<String, Integer> dict = manager.dict(Map.of("a", 1));
    List<Integer> list = manager.list(List.of(3, 1, 2));
    List<Object> seen =
        pool.apply(
            () -> {
              List<Object> results = new ArrayList<>();
              results.add(dict.putIfAbsent("a", 5));
              results.add(dict.merge("a", 10, Integer::sum));
              results.add(dict.getOrDefault("zz", -1));
              results.add(new LinkedHashMap<>(dict));
              list.sort(null);
              results.add(new ArrayList<>(list));
              try {
                list.get(7);
              } catch (IndexOutOfBoundsException e) {
                results.add(e.getMessage());
              }
              return results;
            });
    assertEquals(
        List.of(1, 11, -1, Map.of("a", 11), List.of(1, 2, 3), "Index 7 out of bounds for length 3"),
        seen);
    assertEquals(Map.of("a", 11), dict);
  }

  @Test
  void proxiesTravelInsideOtherObjectsAndComeBackAsTheSameObjects() throws Exception {
    Map<String, Integer> dict = manager.dict();
    List<Integer> list = manager.list();
    Map<String, Object> bundle = new HashMap<>(Map.of("dict", dict, "list", list));
    Set<String> kinds =
        new HashSet<>(
            pool.apply(
                (Map<String, Object> received) -> {
                  @SuppressWarnings("unchecked")
                  Map<String, Integer> d = (Map<String, Integer>) received.get("dict");
                  @SuppressWarnings("unchecked")
                  List<Integer> l = (List<Integer>) received.get("list");
                  d.put("from child", 1);
                  l.add(2);
                  return List.of(d.getClass().getSimpleName(), l.getClass().getSimpleName());
                },
                bundle));
    assertEquals(Set.of("MapProxy", "ListProxy"), kinds);
    assertEquals(Map.of("from child", 1), dict);
    assertEquals(List.of(2), list);
  }
}
