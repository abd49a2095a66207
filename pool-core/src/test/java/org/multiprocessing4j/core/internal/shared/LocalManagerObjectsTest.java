package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.Event;
import org.multiprocessing4j.Lock;
import org.multiprocessing4j.Semaphore;
import org.multiprocessing4j.Value;
import org.multiprocessing4j.core.internal.wire.Encoded;
import org.multiprocessing4j.kryo.KryoSerializerProvider;
import org.multiprocessing4j.spi.Serializer;

/** The manager's objects used in the JVM that owns them, through its local link. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LocalManagerObjectsTest {
  private static final ClassLoader LOADER = LocalManagerObjectsTest.class.getClassLoader();
  private static final Serializer SERIALIZER = new KryoSerializerProvider().create(LOADER);

  private final CoreManager manager = new CoreManager(SERIALIZER, LOADER);

  @AfterEach
  void close() {
    manager.close();
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) {
    byte[] bytes = Encoded.bytes(SERIALIZER, value);
    return (T) Encoded.decode(SERIALIZER, bytes);
  }

  // ---- lock ----

  @Test
  void aLockHeldByOneThreadMakesAnotherThreadOfThisProcessWait() throws Exception {
    Lock lock = manager.lock();
    lock.acquire();
    assertTrue(lock.isLocked());
    CallInThread other = CallInThread.start(lock::acquire).awaitWaiting();
    assertFalse(other.isDone(), "the whole JVM is one caller, as a Python process is");
    lock.release();
    other.awaitReturn();
    assertTrue(lock.isLocked());
    assertFalse(lock.tryAcquire());
  }

  @Test
  void tryAcquireWithATimeoutGivesUpAfterIt() throws Exception {
    Lock lock = manager.lock();
    lock.acquire();
    long start = System.nanoTime();
    assertFalse(lock.tryAcquire(Duration.ofMillis(200)));
    long waited = System.nanoTime() - start;
    assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(190), "waited " + waited);
    assertFalse(lock.tryAcquire(Duration.ofMillis(-5)), "a negative timeout does not wait");
    lock.release();
    assertTrue(lock.tryAcquire(Duration.ofSeconds(1)));
    assertThrows(NullPointerException.class, () -> lock.tryAcquire(null));
  }

  @Test
  void anInterruptedAcquireThrowsAndLeavesTheLockToTheOthers() throws Exception {
    Lock lock = manager.lock();
    lock.acquire();
    CallInThread waiter = CallInThread.start(lock::acquire).awaitWaiting();
    waiter.interrupt();
    assertInstanceOf(InterruptedException.class, waiter.awaitFailure());
    lock.release();
    assertFalse(lock.isLocked(), "the cancelled acquire was not handed the lock");
  }

  @Test
  void releasingAFreeLockThrowsWithPythonsMessage() {
    Lock lock = manager.lock();
    IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
    assertEquals("semaphore or lock released too many times", e.getMessage());
  }

  @Test
  void closingTheManagerWakesAWaitingAcquireAndLaterCallsThrow() throws Exception {
    Lock lock = manager.lock();
    lock.acquire();
    CallInThread waiting = CallInThread.start(lock::acquire).awaitWaiting();
    manager.close();
    Throwable woken = waiting.awaitFailure();
    assertInstanceOf(IllegalStateException.class, woken);
    assertEquals(SharedObject.CLOSED_MESSAGE, woken.getMessage());
    assertThrows(IllegalStateException.class, lock::isLocked);
    assertThrows(IllegalStateException.class, manager::lock);
  }

  @Test
  void aLockProxySurvivesSerialization() throws Exception {
    Lock lock = manager.lock();
    Lock copy = roundTrip(lock);
    assertNotSame(lock, copy);
    assertEquals(lock, copy);
    copy.acquire();
    assertTrue(lock.isLocked());
  }

  // ---- semaphore and event ----

  @Test
  void semaphoresCountAndBoundedOnesRefuseAnExtraRelease() throws Exception {
    Semaphore plain = manager.semaphore(1);
    plain.acquire();
    assertFalse(plain.tryAcquire(Duration.ofMillis(50)));
    plain.release();
    plain.release();
    assertEquals(2, plain.availablePermits());

    Semaphore bounded = manager.boundedSemaphore(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, bounded::release);
    assertEquals("semaphore or lock released too many times", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> manager.semaphore(-1));
    assertThrows(IllegalArgumentException.class, () -> manager.boundedSemaphore(-2));
  }

  @Test
  void anEventWakesItsWaitersWhenSet() throws Exception {
    Event event = manager.event();
    assertFalse(event.await(Duration.ofMillis(50)));
    CallInThread waiting = CallInThread.start(event::await).awaitWaiting();
    assertFalse(waiting.isDone());
    event.set();
    waiting.awaitReturn();
    assertTrue(event.isSet());
    assertTrue(event.await(Duration.ZERO));
    event.clear();
    assertFalse(event.isSet());
    assertFalse(event.await(Duration.ZERO));
  }

  // ---- value ----

  @Test
  void aValueUpdatesAtomicallyAndAFailingUpdateLeavesItUnchanged() {
    Value<Integer> value = manager.value(1);
    assertEquals(2, value.update(x -> x + 1));
    value.set(40);
    assertEquals(40, value.get());
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () ->
                value.update(
                    x -> {
                      throw new IllegalArgumentException("refused " + x);
                    }));
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertEquals("refused 40", e.getCause().getMessage());
    assertEquals(40, value.get());
    assertThrows(NullPointerException.class, () -> value.update(null));
  }

  @Test
  void aValueMayBeNull() {
    Value<String> value = manager.value(null);
    assertNull(value.get());
    assertEquals("x", value.update(x -> x == null ? "x" : x));
    value.set(null);
    assertNull(value.get());
  }

  @Test
  void aValueReturnsCopies() {
    Value<List<Integer>> value = manager.value(new ArrayList<>(List.of(1)));
    value.get().add(2);
    assertEquals(List.of(1), value.get());
  }

  // ---- dict ----

  record Key(String name, int number) {}

  @Test
  void aDictBehavesAsAMapWithKeysComparedByEquals() {
    Map<Key, String> dict = manager.dict();
    assertTrue(dict.isEmpty());
    assertNull(dict.put(new Key("a", 1), "one"));
    assertEquals("one", dict.put(new Key("a", 1), "uno"));
    assertEquals("uno", dict.get(new Key("a", 1)));
    assertNull(dict.get(new Key("a", 2)));
    assertEquals("none", dict.getOrDefault(new Key("a", 2), "none"));
    assertTrue(dict.containsKey(new Key("a", 1)));
    assertTrue(dict.containsValue("uno"));
    assertFalse(dict.containsValue("one"));
    assertEquals(1, dict.size());
    assertEquals("uno", dict.remove(new Key("a", 1)));
    assertNull(dict.remove(new Key("a", 1)));
    assertEquals(0, dict.size());
  }

  @Test
  void aDictKeepsInsertionOrderAsPythonsDictDoes() {
    Map<String, Integer> dict = manager.dict();
    dict.put("b", 1);
    dict.put("a", 2);
    dict.put("c", 3);
    dict.put("b", 4);
    assertEquals("{b=4, a=2, c=3}", dict.toString());
    assertEquals(List.of("b", "a", "c"), new ArrayList<>(dict.keySet()));
    assertEquals(List.of(4, 2, 3), new ArrayList<>(dict.values()));
  }

  @Test
  void aDictsConcurrentMapOperationsAreAtomicInTheOwner() {
    ConcurrentMap<String, Integer> dict =
        (ConcurrentMap<String, Integer>) manager.<String, Integer>dict();
    assertNull(dict.putIfAbsent("a", 1));
    assertEquals(1, dict.putIfAbsent("a", 2));
    assertFalse(dict.remove("a", 2));
    assertFalse(dict.remove("a", null));
    assertEquals(1, dict.replace("a", 3));
    assertNull(dict.replace("b", 3));
    assertFalse(dict.containsKey("b"));
    assertFalse(dict.replace("a", 1, 5));
    assertTrue(dict.replace("a", 3, 5));
    assertEquals(6, dict.merge("a", 1, Integer::sum));
    assertEquals(1, dict.merge("n", 1, Integer::sum));
    assertEquals(12, dict.compute("a", (k, v) -> v * 2));
    assertEquals(7, dict.computeIfAbsent("z", k -> 7));
    assertNull(dict.computeIfPresent("z", (k, v) -> null));
    dict.replaceAll((k, v) -> v + 100);
    assertEquals(Map.of("a", 112, "n", 101), new HashMap<>(dict));
    assertTrue(dict.remove("a", 112));
  }

  /** A value class without equals: only its encoding can say two copies are the same. */
  static final class Opaque {
    final int n;

    Opaque(int n) {
      this.n = n;
    }
  }

  @Test
  void valuesWithoutEqualsMatchByTheirEncoding() {
    ConcurrentMap<String, Opaque> dict =
        (ConcurrentMap<String, Opaque>) manager.<String, Opaque>dict();
    dict.put("k", new Opaque(1));
    assertTrue(dict.containsValue(new Opaque(1)));
    assertEquals(2, dict.compute("k", (k, v) -> new Opaque(v.n + 1)).n, "no endless retry");
    assertTrue(dict.replace("k", new Opaque(2), new Opaque(3)));
    assertEquals(3, dict.get("k").n);
  }

  @Test
  void aDictRefusesNullsWithClearMessages() {
    Map<String, String> dict = manager.dict();
    NullPointerException key = assertThrows(NullPointerException.class, () -> dict.put(null, "v"));
    assertEquals("a shared map does not hold null keys", key.getMessage());
    NullPointerException value =
        assertThrows(NullPointerException.class, () -> dict.put("k", null));
    assertEquals("a shared map does not hold null values", value.getMessage());
    assertThrows(NullPointerException.class, () -> dict.get(null));
    Map<String, String> withNull = new HashMap<>();
    withNull.put("k", null);
    NullPointerException initial =
        assertThrows(NullPointerException.class, () -> manager.dict(withNull));
    assertTrue(initial.getMessage().contains("k"), initial.getMessage());
    assertThrows(NullPointerException.class, () -> manager.dict(null));
    assertThrows(NullPointerException.class, () -> dict.putAll(withNull));
    assertTrue(dict.isEmpty(), "putAll refused before sending anything");
  }

  @Test
  void aDictsViewsAreSnapshotsThatCannotBeChanged() {
    Map<String, Integer> dict = manager.dict(Map.of("a", 1));
    Iterator<String> keys = dict.keySet().iterator();
    dict.put("b", 2);
    assertEquals("a", keys.next());
    assertFalse(keys.hasNext(), "a snapshot");
    assertThrows(UnsupportedOperationException.class, keys::remove);
    assertThrows(UnsupportedOperationException.class, () -> dict.keySet().remove("a"));
    assertThrows(
        UnsupportedOperationException.class, () -> dict.entrySet().iterator().next().setValue(5));
    assertThrows(UnsupportedOperationException.class, () -> dict.values().clear());
    assertEquals(2, dict.size());
  }

  @Test
  void aDictEqualsAnyMapWithTheSameEntries() {
    Map<String, Integer> dict = manager.dict();
    dict.putAll(Map.of("a", 1, "b", 2));
    assertEquals(Map.of("a", 1, "b", 2), dict);
    assertEquals(dict, Map.of("b", 2, "a", 1));
    assertEquals(Map.of("a", 1, "b", 2).hashCode(), dict.hashCode());
    dict.clear();
    assertEquals(Map.of(), dict);
  }

  @Test
  void aDictIsACopyOfItsInitialMap() {
    Map<String, List<Integer>> initial = new LinkedHashMap<>();
    initial.put("a", new ArrayList<>(List.of(1)));
    Map<String, List<Integer>> dict = manager.dict(initial);
    initial.get("a").add(2);
    initial.put("b", List.of());
    assertEquals(Map.of("a", List.of(1)), dict);
  }

  @Test
  void aDictProxySurvivesSerializationAsAHandleNotACopy() {
    Map<String, Integer> dict = manager.dict();
    Map<String, Integer> copy = roundTrip(dict);
    assertInstanceOf(MapProxy.class, copy);
    copy.put("x", 1);
    assertEquals(1, dict.get("x"));
  }

  // ---- list ----

  @Test
  void aListBehavesAsAList() {
    List<String> list = manager.list(List.of("a", "b"));
    assertTrue(list.add("c"));
    list.add(0, "z");
    assertEquals(List.of("z", "a", "b", "c"), list);
    assertEquals("a", list.get(1));
    assertEquals("a", list.set(1, "y"));
    assertEquals("z", list.remove(0));
    assertEquals(3, list.size());
    assertTrue(list.addAll(List.of("b", "e")));
    assertTrue(list.addAll(1, List.of("p", "q")));
    assertEquals(List.of("y", "p", "q", "b", "c", "b", "e"), list);
    assertTrue(list.contains("q"));
    assertFalse(list.contains(null));
    assertEquals(3, list.indexOf("b"));
    assertEquals(5, list.lastIndexOf("b"));
    assertEquals(-1, list.indexOf("nope"));
    assertTrue(list.remove("b"));
    assertFalse(list.remove("nope"));
    assertEquals(List.of("y", "p", "q", "c", "b", "e"), list);
    assertEquals(List.of("p", "q"), list.subList(1, 3));
    assertTrue(list.containsAll(List.of("y", "e")));
    assertEquals("[y, p, q, c, b, e]", list.toString());
    assertEquals(List.of("y", "p", "q", "c", "b", "e").hashCode(), list.hashCode());
    assertEquals(6, list.toArray().length);
    assertEquals(6, list.stream().count());
    list.clear();
    assertTrue(list.isEmpty());
  }

  @Test
  void indexErrorsAreIndexOutOfBoundsWithTheIndexAndTheSize() {
    List<Integer> list = manager.list(List.of(1, 2));
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> list.get(2));
    assertEquals("Index 2 out of bounds for length 2", e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> list.set(5, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> list.remove(2));
    assertThrows(IndexOutOfBoundsException.class, () -> list.add(3, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> list.addAll(-1, List.of(1)));
    list.add(2, 3);
    assertEquals(List.of(1, 2, 3), list);
  }

  @Test
  void bulkChangesComputedHereReplaceTheContentAtomically() {
    List<Integer> list = manager.list(List.of(5, 1, 4, 2, 3));
    assertTrue(list.removeIf(x -> x == 4));
    assertFalse(list.removeIf(x -> x > 100));
    list.sort(Comparator.naturalOrder());
    assertEquals(List.of(1, 2, 3, 5), list);
    list.replaceAll(x -> x * 10);
    assertEquals(List.of(10, 20, 30, 50), list);
    assertTrue(list.removeAll(List.of(20, 99)));
    assertTrue(list.retainAll(List.of(10, 50)));
    assertEquals(List.of(10, 50), list);
    assertThrows(NullPointerException.class, () -> list.replaceAll(x -> null));
    assertEquals(List.of(10, 50), list);
  }

  @Test
  void aListsIteratorsAndSublistsAreSnapshotsThatCannotBeChanged() {
    List<Integer> list = manager.list(List.of(1, 2));
    Iterator<Integer> iterator = list.iterator();
    list.add(3);
    assertEquals(List.of(1, 2), toList(iterator));
    assertThrows(UnsupportedOperationException.class, () -> list.iterator().remove());
    assertThrows(UnsupportedOperationException.class, () -> list.listIterator().add(1));
    assertThrows(UnsupportedOperationException.class, () -> list.subList(0, 1).clear());
    assertEquals(3, list.size());
  }

  private static <T> List<T> toList(Iterator<T> iterator) {
    List<T> all = new ArrayList<>();
    iterator.forEachRemaining(all::add);
    return all;
  }

  @Test
  void aListRefusesNullsWithClearMessages() {
    List<String> list = manager.list();
    NullPointerException e = assertThrows(NullPointerException.class, () -> list.add(null));
    assertEquals("a shared list does not hold null elements", e.getMessage());
    NullPointerException initial =
        assertThrows(NullPointerException.class, () -> manager.list(Arrays.asList("a", null)));
    assertTrue(initial.getMessage().contains("at 1"), initial.getMessage());
    assertThrows(NullPointerException.class, () -> list.addAll(Arrays.asList("a", null)));
    assertTrue(list.isEmpty());
  }

  @Test
  void aListProxySurvivesSerializationAsAHandleNotACopy() {
    List<Integer> list = manager.list();
    List<Integer> copy = roundTrip(list);
    assertInstanceOf(ListProxy.class, copy);
    copy.add(1);
    assertEquals(List.of(1), list);
  }

  @Test
  void closedCollectionsThrowIllegalState() {
    Map<String, Integer> dict = manager.dict();
    List<Integer> list = manager.list();
    manager.close();
    assertThrows(IllegalStateException.class, () -> dict.put("a", 1));
    assertThrows(IllegalStateException.class, list::size);
    assertThrows(IllegalStateException.class, () -> manager.dict());
  }
}
