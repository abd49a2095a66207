package org.multiprocessing4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Pool;

/**
 * The seed article "Python | Use of process pool" in Java form: {@code apply_async} without and
 * with results, {@code close()} and {@code join()}.
 */
public final class ApplyAsyncExamples {
  private ApplyAsyncExamples() {}

  static int task(int n) throws InterruptedException {
    System.out.println(n + "----->start");
    Thread.sleep(100);
    System.out.println(n + "------>end");
    return n * n;
  }

  static void worker(int msg) throws InterruptedException {
    long start = System.nanoTime();
    System.out.printf(
        "%d starts to execute, the process number is %d%n", msg, CurrentProcess.pid());
    Thread.sleep((long) (ThreadLocalRandom.current().nextDouble() * 200));
    System.out.printf(
        "%d Completed, time-consuming %.2f%n", msg, (System.nanoTime() - start) / 1e9);
  }

  /** {@code p.apply_async(task, args=(i,))} for i in 1..10, then close and join. */
  static void fireAndForget() throws InterruptedException {
    Pool p = Pool.create(2);
    for (int i = 1; i <= 10; i++) {
      p.applyAsync(ApplyAsyncExamples::task, i);
    }
    p.shutdown();
    p.join();
  }

  /** Keeps every {@code AsyncResult} in a list, then gets each: the results, in order. */
  static List<Integer> collectResults() throws Exception {
    List<Integer> squares = new ArrayList<>();
    try (Pool p = Pool.create(2)) {
      List<AsyncResult<Integer>> resList = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        resList.add(p.applyAsync(ApplyAsyncExamples::task, i));
      }
      for (AsyncResult<Integer> re : resList) {
        squares.add(re.get());
      }
    }
    return squares;
  }

  /**
   * {@code po = Pool(3)}; ten tasks of random length; a new task takes whichever worker is free.
   */
  static void freeWorkerTakesNextTask() throws InterruptedException {
    Pool po = Pool.create(3);
    for (int i = 0; i < 10; i++) {
      int msg = i;
      po.applyAsync(() -> worker(msg));
    }
    System.out.println("----start----");
    po.shutdown();
    po.join();
    System.out.println("-----end-----");
  }

  public static void main(String[] args) throws Exception {
    fireAndForget();
    System.out.println(collectResults());
    freeWorkerTakesNextTask();
  }
}
