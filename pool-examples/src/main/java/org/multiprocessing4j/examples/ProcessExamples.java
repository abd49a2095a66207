package org.multiprocessing4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.multiprocessing4j.Lock;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Process;

/**
 * The seed articles "One article deals with Python multiprocessing" (methods I and II),
 * "Synchronization and pooling of processes in Python" (the Lock example) and "Python | Use of
 * process pool" (the join method) in Java form.
 */
public final class ProcessExamples {
  private ProcessExamples() {}

  /** The join method's global {@code x}. */
  private static int x = 10;

  static void fun1(String name) {
    System.out.println("test " + name + " Multi process");
  }

  /**
   * Method I: {@code Process(target=fun1, args=('Python',))} five times, started together, then
   * joined.
   */
  static void fiveProcesses() throws InterruptedException {
    List<Process> processList = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Process p = new Process(() -> fun1("Python"));
      p.start();
      processList.add(p);
    }
    joinAll(processList);
    System.out.println("End test");
  }

  /**
   * {@code for p in process_list: p.join()}; a child that failed is reported, as Python prints its
   * traceback.
   */
  private static void joinAll(List<Process> processList) throws InterruptedException {
    for (Process p : processList) {
      p.join();
      if (p.exitCode().orElseThrow() != 0) {
        throw new IllegalStateException(p + " failed", p.failure().orElse(null));
      }
    }
  }

  /** Method II: a subclass of Process whose run() the child calls. */
  static final class MyProcess extends Process {
    private final String label;

    MyProcess(String label) {
      this.label = label;
    }

    @Override
    public void run() {
      System.out.println("test " + label + " Multi process");
    }
  }

  /** Method II: five {@code MyProcess('Python')}, started together, then joined. */
  static void fiveSubclassedProcesses() throws InterruptedException {
    List<Process> processList = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Process p = new MyProcess("Python");
      p.start();
      processList.add(p);
    }
    joinAll(processList);
    System.out.println("End test");
  }

  /**
   * {@code Process(target=my_function, args=(lock, num)).start()} for num in range(10): each child
   * prints while it holds the lock, so that lines never interleave.
   *
   * @return the log of each child's turn, start and end markers in the order the children took the
   *     lock
   */
  static List<String> lockedPrinting() throws InterruptedException {
    try (Manager manager = Manager.start()) {
      Lock lock = manager.lock();
      List<String> turns = manager.list();
      List<Process> processList = new ArrayList<>();
      for (int num = 0; num < 10; num++) {
        int y = num;
        Process p =
            new Process(
                () -> {
                  lock.acquire();
                  try {
                    turns.add("start " + y);
                    System.out.println("hello world " + y);
                    turns.add("end " + y);
                  } finally {
                    lock.release();
                  }
                });
        p.start();
        processList.add(p);
      }
      for (Process p : processList) {
        p.join();
      }
      return new ArrayList<>(turns);
    }
  }

  /**
   * "Use of the join method": a thread sets {@code x = a + b} and the main thread joins it before
   * printing {@code x}. A thread shares this JVM's memory, so that prints 2; a {@link Process}'s
   * change would stay in its own JVM.
   */
  static void threadJoin() throws InterruptedException {
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              x = 1 + 1;
            });
    t.start();
    t.join();
    System.out.println(x);
  }
}
