package org.multiprocessing4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Lock;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Process;

/**
 * The seed articles "One article deals with Python multiprocessing" (methods I and II) and
 * "Synchronization and pooling of processes in Python" (the Lock example) in Java form.
 */
public final class ProcessExamples {
  private ProcessExamples() {}

  static void fun1(String name) {
    System.out.println("test " + name + " Multi process, pid " + CurrentProcess.pid());
  }

  /**
   * Method I: {@code Process(target=fun1, args=('Python',))} five times, started together, then
   * joined.
   *
   * @return each child's exit code
   */
  static List<Integer> fiveProcesses() throws InterruptedException {
    List<Process> processList = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Process p = new Process(() -> fun1("Python"));
      p.start();
      processList.add(p);
    }
    List<Integer> exitCodes = joinAll(processList);
    System.out.println("End test");
    return exitCodes;
  }

  /** {@code for p in process_list: p.join()}, keeping each exit code. */
  private static List<Integer> joinAll(List<Process> processList) throws InterruptedException {
    List<Integer> exitCodes = new ArrayList<>();
    for (Process p : processList) {
      p.join();
      exitCodes.add(p.exitCode().orElseThrow());
    }
    return exitCodes;
  }

  /** Method II: a subclass of Process whose run() the child calls. */
  static final class MyProcess extends Process {
    private final String label;

    MyProcess(String label) {
      this.label = label;
    }

    @Override
    public void run() {
      System.out.println("test " + label + " Multi process in " + CurrentProcess.name());
    }
  }

  /**
   * Method II: five {@code MyProcess('Python')}, started together, then joined.
   *
   * @return each child's exit code
   */
  static List<Integer> fiveSubclassedProcesses() throws InterruptedException {
    List<Process> processList = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Process p = new MyProcess("Python");
      p.start();
      processList.add(p);
    }
    return joinAll(processList);
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
}
