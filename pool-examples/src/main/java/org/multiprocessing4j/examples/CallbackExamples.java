package org.multiprocessing4j.examples;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Pool;

/**
 * The seed article "Пулы процессов в python" in Java form: {@code apply} one at a time, {@code map}
 * keeping input order, and {@code apply_async} with a callback that runs in the main process.
 */
public final class CallbackExamples {
  private CallbackExamples() {}

  static long calc(int value) throws InterruptedException {
    System.out.printf(
        "calc started in process %s with pid %d%n", CurrentProcess.name(), CurrentProcess.pid());
    Thread.sleep(100);
    return (long) Math.pow(value, 10);
  }

  static List<Long> applyOneAtATime() throws Exception {
    try (Pool pool = Pool.create(2)) {
      return List.of(
          pool.apply(CallbackExamples::calc, 10),
          pool.apply(CallbackExamples::calc, 10),
          pool.apply(CallbackExamples::calc, 10),
          pool.apply(CallbackExamples::calc, 10));
    }
  }

  static List<Long> mapKeepsOrder() throws Exception {
    try (Pool pool = Pool.create(2)) {
      return pool.map(CallbackExamples::calc, List.of(1, 2, 5, 10));
    }
  }

  /** Returns what the callbacks saw, each entry "result@pid" with the main process's pid. */
  static List<String> callbacks() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    Pool pool = Pool.create(2);
    for (int i = 1; i <= 4; i++) {
      AsyncResult<Long> result =
          pool.applyAsync(
              CallbackExamples::calc,
              i,
              value -> {
                System.out.printf(
                    "Callback result: %d, process pid: %d%n", value, CurrentProcess.pid());
                seen.add(value + "@" + CurrentProcess.pid());
              },
              error -> System.out.println("Callback error: " + error));
      System.out.println("result" + i + ": " + result);
    }
    pool.shutdown();
    pool.join();
    return seen;
  }

  public static void main(String[] args) throws Exception {
    System.out.println(applyOneAtATime());
    System.out.println(mapKeepsOrder());
    System.out.println(callbacks());
  }
}
