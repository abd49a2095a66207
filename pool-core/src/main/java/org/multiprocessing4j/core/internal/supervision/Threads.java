package org.multiprocessing4j.core.internal.supervision;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool's own threads: daemons, so that a pool never keeps the JVM alive by itself, and named
 * after the pool, so that a thread dump says whose they are.
 */
public final class Threads {
  private Threads() {}

  /** Up to {@code threads} daemon threads that time out when idle. */
  public static ExecutorService daemonExecutor(String name, int threads) {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonFactory(name));
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** Names threads {@code name-1}, {@code name-2}, …, all daemons. */
  public static ThreadFactory daemonFactory(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
