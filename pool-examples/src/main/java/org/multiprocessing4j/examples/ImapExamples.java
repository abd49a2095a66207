package org.multiprocessing4j.examples;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.ResultIterator;

/**
 * The seed article "Synchronization and pooling of processes in Python" in Java form ({@code
 * apply_async(...).get(timeout)}, {@code map}, {@code imap} with {@code next(timeout)}, and a
 * {@code get(timeout=1)} on a 10-second sleep that raises a timeout), and an {@code imap} over an
 * infinite input, which only a lazy {@code imap} can do.
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

  /**
   * The seed's four calls on {@code Pool(processes=4)} (2 here). The first result and the third
   * {@code next} wait up to 10 seconds, not the seed's 1: a cold pool's first task includes its
   * worker JVM's start.
   */
  static void getMapImapTimeout() throws Exception {
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
        System.out.println("raises " + e);
      }
      myPool.terminate();
    }
  }

  /**
   * {@code imap} over 0, 1, 2, … without end: the input is read on this thread, a bounded number of
   * items ahead of what was consumed, so taking four results reads only a few dozen items.
   */
  static void imapOverInfiniteInput() throws Exception {
    AtomicInteger read = new AtomicInteger();
    try (Pool pool = Pool.create(2);
        ResultIterator<String> names =
            pool.imap(
                (Integer i) -> i + " ran in " + CurrentProcess.name(), () -> countingFrom(read))) {
      for (int i = 0; i < 4; i++) {
        System.out.println("imap over an infinite input: " + names.next(Duration.ofSeconds(30)));
      }
      System.out.println("items read from the infinite input so far: " + read.get());
    }
  }

  private static Iterator<Integer> countingFrom(AtomicInteger read) {
    return Stream.iterate(0, i -> i + 1).peek(i -> read.incrementAndGet()).iterator();
  }
}
