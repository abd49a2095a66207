package org.multiprocessing4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.CurrentProcess;

/**
 * Every example from the seed documents (Pool, Process, Queue, Pipe, Manager, Lock) runs in its
 * Java form and gives Python's answer.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SeedExamplesTest {

  @Test
  void applyAsyncWithoutAndWithResults() throws Exception {
    ApplyAsyncExamples.fireAndForget();
    assertEquals(
        IntStream.rangeClosed(1, 10).map(n -> n * n).boxed().toList(),
        ApplyAsyncExamples.collectResults());
    ApplyAsyncExamples.freeWorkerTakesNextTask();
  }

  @Test
  void initializerAndMaxTasksPerChild() throws Exception {
    List<Integer> doubled = IntStream.range(0, 10).map(x -> x * 2).boxed().toList();
    assertEquals(doubled, InitializerExamples.mapWithInitializer(0));
    assertEquals(doubled, InitializerExamples.mapWithInitializer(2));
  }

  @Test
  void applyMapAndCallbacksInTheMainProcess() throws Exception {
    assertEquals(
        List.of(10_000_000_000L, 10_000_000_000L, 10_000_000_000L, 10_000_000_000L),
        CallbackExamples.applyOneAtATime());
    assertEquals(List.of(1L, 1024L, 9765625L, 10_000_000_000L), CallbackExamples.mapKeepsOrder());
    List<String> seen = CallbackExamples.callbacks();
    assertEquals(4, seen.size());
    seen.forEach(entry -> assertTrue(entry.endsWith("@" + CurrentProcess.pid()), entry));
  }

  @Test
  void imapAndTimeouts() throws Exception {
    ImapExamples.main(new String[0]);
  }

  @Test
  void quickStartDemo() throws Exception {
    QuickStart.main(new String[0]);
  }

  @Test
  void processesByTargetAndBySubclass() throws Exception {
    assertEquals(List.of(0, 0, 0, 0, 0), ProcessExamples.fiveProcesses());
    assertEquals(List.of(0, 0, 0, 0, 0), ProcessExamples.fiveSubclassedProcesses());
  }

  @Test
  void lockKeepsEachChildsLinesTogether() throws Exception {
    List<String> turns = ProcessExamples.lockedPrinting();
    assertEquals(20, turns.size(), turns.toString());
    Set<String> children = new HashSet<>();
    for (int i = 0; i < turns.size(); i += 2) {
      String child = turns.get(i).substring("start ".length());
      assertEquals("start " + child, turns.get(i), turns.toString());
      assertEquals("end " + child, turns.get(i + 1), turns.toString());
      children.add(child);
    }
    assertEquals(10, children.size(), turns.toString());
  }

  @Test
  void queuePipeAndManagerBetweenProcesses() throws Exception {
    assertEquals(
        Set.of(
            "I am 0 adopt Queue signal communication",
            "I am 1 adopt Queue signal communication",
            "I am 2 adopt Queue signal communication"),
        Set.copyOf(SharingExamples.queueBetweenProcesses()));
    assertEquals("Hello, main process", SharingExamples.pipeBothWays());

    Map.Entry<Map<Object, String>, List<Integer>> shared = SharingExamples.managerDictAndList();
    Map<Object, String> expectedDict = new HashMap<>();
    IntStream.range(0, 10).forEach(i -> expectedDict.put(i, "a"));
    expectedDict.put("2", "b");
    assertEquals(expectedDict, shared.getKey());
    List<Integer> list = shared.getValue();
    assertEquals(List.of(0, 1, 2, 3, 4), list.subList(0, 5));
    List<Integer> appended = new ArrayList<>(list.subList(5, list.size()));
    appended.sort(null);
    assertEquals(IntStream.range(0, 10).boxed().toList(), appended);
  }

  @Test
  void managerQueueSharedByPoolTasks() throws Exception {
    assertEquals(
        List.of("h", "e", "l", "l", "o", "w", "o", "r", "l", "d"),
        SharingExamples.managerQueueInPool());
  }
}
