package org.multiprocessing4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.multiprocessing4j.AsyncResult;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Pool;

/**
 * The seed articles' {@code apply_async} examples in Java form: "Python | Use of process pool"
 * (without and with results, a free worker taking the next task), the pool of "One article deals
 * with Python multiprocessing", and the results of "python 进程池1". The seeds sleep whole seconds;
 * these sleep a tenth of that, and use pools of at most three workers.
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

  /**
   * {@code print(p.apply_async(task, args=(i,)).get())}: each get blocks, so one task at a time.
   */
  static void getRightAway() throws Exception {
    try (Pool p = Pool.create(2)) {
      for (int i = 1; i <= 10; i++) {
        AsyncResult<Integer> res = p.applyAsync(ApplyAsyncExamples::task, i);
        System.out.println(res.get());
      }
    }
  }

  /** Keeps every {@code AsyncResult} in a list, then prints each one's result, in order. */
  static void collectResults() throws Exception {
    try (Pool p = Pool.create(2)) {
      List<AsyncResult<Integer>> resList = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        resList.add(p.applyAsync(ApplyAsyncExamples::task, i));
      }
      for (AsyncResult<Integer> re : resList) {
        System.out.println(re.get());
      }
    }
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

  static void fun1(int name) throws InterruptedException {
    System.out.printf("Run task %d (%d)...%n", name, CurrentProcess.pid());
    long start = System.nanoTime();
    Thread.sleep((long) (ThreadLocalRandom.current().nextDouble() * 300));
    System.out.printf("Task %d runs %.2f seconds.%n", name, (System.nanoTime() - start) / 1e9);
  }

  /** {@code pool.apply_async(func=fun1, args=(i,))} for i in 0..9 on {@code Pool(5)} (2 here). */
  static void runTasks() throws InterruptedException {
    Pool pool = Pool.create(2);
    for (int i = 0; i < 10; i++) {
      int name = i;
      pool.applyAsync(() -> fun1(name));
    }
    pool.shutdown();
    pool.join();
    System.out.println("End test");
  }

  static String func(String msg) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.out.println(msg);
      Thread.sleep(100);
    }
    return "done " + msg;
  }

  /**
   * Ten {@code apply_async(func, ("hello %d" % i,))} on {@code Pool(processes=4)} (2 here), close
   * and join, then each result.
   */
  static void helloResults() throws Exception {
    Pool pool = Pool.create(2);
    List<AsyncResult<String>> result = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String msg = "hello " + i;
      result.add(pool.applyAsync(ApplyAsyncExamples::func, msg));
    }
    pool.shutdown();
    pool.join();
    for (AsyncResult<String> res : result) {
      System.out.println(res.get());
    }
    System.out.println("Sub-process(es) done.");
  }
}
