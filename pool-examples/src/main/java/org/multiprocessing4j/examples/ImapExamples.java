package org.multiprocessing4j.examples;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.ResultIterator;

/**
 * The seed article "Synchronization and pooling of processes in Python" in Java form: {@code
 * apply_async(...).get(timeout)}, {@code map}, {@code imap} with {@code next(timeout)}, and a
 * {@code get(timeout=1)} on a 10-second sleep that raises a timeout.
 */
public final class ImapExamples {
  private ImapExamples() {}

  static int myFunction(int m) {
    return m * m;
  }

  static Void sleep(int seconds) throws InterruptedException {
    Thread.sleep(seconds * 1000L);
    return null;
  }

  public static void main(String[] args) throws Exception {
    try (Pool myPool = Pool.create(2)) {
      AsyncResult<Integer> result = myPool.applyAsync(ImapExamples::myFunction, 10);
      System.out.println(result.get(Duration.ofSeconds(10)));
      List<Integer> range = IntStream.range(0, 10).boxed().toList();
      System.out.println(myPool.map(ImapExamples::myFunction, range));
      try (ResultIterator<Integer> myIt = myPool.imap(ImapExamples::myFunction, range)) {
        System.out.println(myIt.next());
        System.out.println(myIt.next());
        System.out.println(myIt.next(Duration.ofSeconds(10)));
      }
      AsyncResult<Void> sleeping = myPool.applyAsync(ImapExamples::sleep, 10);
      try {
        sleeping.get(Duration.ofSeconds(1));
      } catch (TimeoutException e) {
        System.out.println("raises TimeoutException: " + e.getMessage());
      }
      myPool.terminate();
    }
  }
}
