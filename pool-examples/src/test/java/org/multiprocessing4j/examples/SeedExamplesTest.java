package org.multiprocessing4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.CurrentProcess;

/** Every Pool example from the seed documents runs in its Java form and gives Python's answer. */
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
}
