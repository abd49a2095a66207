package org.multiprocessing4j.examples;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Pool;

/**
 * The seed article "Пулы процессов в python" in Java form: {@code apply} one at a time, {@code map}
 * keeping input order, and {@code apply_async} with a callback that runs in the main process. Its
 * lines carry the time, as the article's logger's do, so that the one-second steps show; the tasks
 * sleep a tenth of that here.
 */
public final class CallbackExamples {
  private CallbackExamples() {}

  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

  /** Python's {@code logging.Formatter(fmt='%(asctime)s: %(message)s')}. */
  static void log(String format, Object... args) {
    System.out.println(LocalDateTime.now().format(ASCTIME) + ": " + String.format(format, args));
  }

  static long calc(int value) throws InterruptedException {
    log("calc started in process %s with pid %d", CurrentProcess.name(), CurrentProcess.pid());
    Thread.sleep(100);
    return (long) Math.pow(value, 10);
  }

  static void applyOneAtATime() throws Exception {
    log("main pid: %d", CurrentProcess.pid());
    try (Pool pool = Pool.create(2)) {
      for (int i = 1; i <= 4; i++) {
        long result = pool.apply(CallbackExamples::calc, 10);
        log("result%d: %s", i, result);
      }
    }
    System.out.println("End program");
  }

  static void mapKeepsOrder() throws Exception {
    log("main pid: %d", CurrentProcess.pid());
    try (Pool pool = Pool.create(2)) {
      List<Long> results = pool.map(CallbackExamples::calc, List.of(1, 2, 5, 10));
      System.out.println(results);
    }
    System.out.println("End program");
  }

  static void callback(long result) {
    log("Callback result: %d, process pid: %d", result, CurrentProcess.pid());
  }

  static void callbacks() throws Exception {
    log("main pid: %d", CurrentProcess.pid());
    try (Pool pool = Pool.create(2)) {
      for (int i = 1; i <= 4; i++) {
        AsyncResult<Long> result =
            pool.applyAsync(
                CallbackExamples::calc,
                i,
                CallbackExamples::callback,
                error -> log("Callback error: %s", error));
        log("result%d: %s", i, result);
      }
      pool.shutdown();
      pool.join();
    }
    System.out.println("End program");
  }
}
