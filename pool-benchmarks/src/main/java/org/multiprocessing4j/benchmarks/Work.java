package org.multiprocessing4j.benchmarks;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The work functions of python_baseline.py ({@code identity}, {@code square}, {@code cpu_work}), as
 * static methods for the pool's method references and as {@link Serializable} callables for PP4J,
 * which takes only {@code Callable & Serializable}.
 */
public final class Work {
  private Work() {}

  /** Python's {@code identity(x)}. */
  public static Object identity(Object x) {
    return x;
  }

  /**
   * Python's {@code square(x)}; a {@code long} result, since Python's ints do not overflow and the
   * harness checks the last square, {@code 999_999²}.
   */
  public static Long square(Integer x) {
    return (long) x * x;
  }

  /**
   * Python's {@code cpu_work(n) = sum(i*i for i in range(n))}, in {@code long} arithmetic (it wraps
   * for large n; the harness compares against the same function run serially).
   */
  public static Long cpuWork(Integer n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += (long) i * i;
    }
    return sum;
  }

  /**
   * Issue 10's long task: sleeps {@code millis} and returns the pid of the process that ran it, so
   * that the harness can count how many workers ran a batch.
   */
  public static Long sleepPid(Integer millis) throws InterruptedException {
    Thread.sleep(millis);
    return ProcessHandle.current().pid();
  }

  /** {@code sleepPid(millis)} for PP4J. */
  public record SleepPid(int millis) implements Callable<Long>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Long call() throws InterruptedException {
      return sleepPid(millis);
    }
  }

  /** {@code identity(x)} for PP4J. */
  public record Identity(Object x) implements Callable<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object call() {
      return x;
    }
  }

  /** The functions a PP4J chunk can run; an enum crosses to PP4J's workers by name. */
  public enum Kernel {
    SQUARE,
    CPU_WORK;

    Long apply(Integer x) {
      return this == SQUARE ? square(x) : cpuWork(x);
    }
  }

  /** A chunk for PP4J, which has no {@code map}: the items travel in the task, like ours. */
  public record Chunk(ArrayList<Integer> items, Kernel kernel)
      implements Callable<ArrayList<Long>>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public ArrayList<Long> call() {
      ArrayList<Long> out = new ArrayList<>(items.size());
      for (Integer x : items) {
        out.add(kernel.apply(x));
      }
      return out;
    }
  }

  /** Python's {@code range(n)}: a lazy sequence, so building the input is not extra work. */
  public static Iterable<Integer> range(int n) {
    return () ->
        new java.util.Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < n;
          }

          @Override
          public Integer next() {
            if (next >= n) {
              throw new java.util.NoSuchElementException();
            }
            return next++;
          }
        };
  }

  /** Splits {@code [0, n)} into lists of {@code chunksize} consecutive ints. */
  public static List<ArrayList<Integer>> chunks(List<Integer> items, int chunksize) {
    List<ArrayList<Integer>> out = new ArrayList<>();
    for (int from = 0; from < items.size(); from += chunksize) {
      out.add(new ArrayList<>(items.subList(from, Math.min(items.size(), from + chunksize))));
    }
    return out;
  }
}
