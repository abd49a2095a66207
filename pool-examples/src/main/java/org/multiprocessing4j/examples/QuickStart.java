package org.multiprocessing4j.examples;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.ResultIterator;

/**
 * The demo the README's quick start runs: a pool of worker JVMs doing CPU-bound work in parallel, a
 * lazy imap over an infinite input, and a task failure that crosses back with its remote stack.
 */
public final class QuickStart {
  private QuickStart() {}

  /** About 20 ms of CPU work, the same for every input. */
  static long burn(int seed) {
    long sum = seed;
    for (int i = 0; i < 4_000_000; i++) {
      sum = sum * 6364136223846793005L + 1442695040888963407L;
    }
    return sum;
  }

  static int parse(String text) {
    return Integer.parseInt(text);
  }

  public static void main(String[] args) throws Exception {
    int processes = Math.max(2, Runtime.getRuntime().availableProcessors());
    System.out.printf("Main process %s, pid %d%n", CurrentProcess.name(), CurrentProcess.pid());
    List<Integer> inputs = IntStream.range(0, 64).boxed().toList();

    long serialStart = System.nanoTime();
    inputs.forEach(QuickStart::burn);
    double serialSeconds = (System.nanoTime() - serialStart) / 1e9;

    // Timed from before build(), with no warm-up: the workers' start is part of what a user waits
    // for.
    long poolStart = System.nanoTime();
    try (Pool pool = Pool.builder().processes(processes).build()) {
      List<Long> burned = pool.map(QuickStart::burn, inputs);
      double poolSeconds = (System.nanoTime() - poolStart) / 1e9;
      System.out.println("Started " + pool);
      System.out.printf(
          "CPU-bound map of %d items: serial %.2f s, pool of %d %.2f s (workers' start included),"
              + " speedup %.2fx%n",
          burned.size(), serialSeconds, processes, poolSeconds, serialSeconds / poolSeconds);
      System.out.println("Squares: " + pool.map(x -> x * x, List.of(1, 2, 3, 4, 5)));

      try (ResultIterator<String> names =
          pool.imap(
              (Integer i) -> i + " ran in " + CurrentProcess.name(),
              () -> Stream.iterate(0, i -> i + 1).iterator())) {
        for (int i = 0; i < 4; i++) {
          System.out.println("imap over an infinite input: " + names.next(Duration.ofSeconds(30)));
        }
      }

      try {
        pool.apply(QuickStart::parse, "forty-two");
      } catch (ExecutionException e) {
        System.out.println("A task failed in a worker, and came back whole: " + e.getCause());
        System.out.println("  remote frame: " + e.getCause().getStackTrace()[0]);
      }
    }
    System.out.println("Pool closed; every worker has exited.");
  }
}
