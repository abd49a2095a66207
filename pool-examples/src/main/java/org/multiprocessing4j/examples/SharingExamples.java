package org.multiprocessing4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.multiprocessing4j.Connection;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.Process;
import org.multiprocessing4j.Queue;

/**
 * The seed articles' Queue, Pipe and Manager examples in Java form: processes that put into a
 * queue, a pipe between the main process and a child, a manager's dict and list changed by ten
 * children, and a manager's queue shared by two pool tasks.
 */
public final class SharingExamples {
  private SharingExamples() {}

  /**
   * Three {@code Process(target=fun1, args=(q, i))} put a message each; the main process gets
   * three.
   */
  static void queueBetweenProcesses() throws InterruptedException {
    try (Manager manager = Manager.start()) {
      Queue<String> q = manager.queue();
      List<Process> processList = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int n = i;
        Process p =
            new Process(
                () -> {
                  System.out.println("Subprocess " + n + " start put data");
                  q.put("I am " + n + " adopt Queue signal communication");
                });
        p.start();
        processList.add(p);
      }
      for (Process p : processList) {
        p.join();
      }
      System.out.println("Main process acquisition Queue data");
      System.out.println(q.get());
      System.out.println(q.get());
      System.out.println(q.get());
      System.out.println("End test");
    }
  }

  /**
   * {@code conn1, conn2 = Pipe()}: the child sends a greeting on conn2 and prints the main
   * process's answer.
   */
  static void pipeBothWays() throws Exception {
    try (Manager manager = Manager.start()) {
      Pipe<String> pipe = manager.pipe();
      Connection<String> conn1 = pipe.first();
      Connection<String> conn2 = pipe.second();
      Process p =
          new Process(
              () -> {
                System.out.println("Child process send message:");
                conn2.send("Hello, main process");
                System.out.println("Subprocess accept message:");
                System.out.println(conn2.recv());
                conn2.close();
              });
      p.start();
      System.out.println("Main process accept message:");
      System.out.println(conn1.recv());
      System.out.println("Message sent by main process:");
      conn1.send("Hello sub process");
      p.join();
      System.out.println("End test");
    }
  }

  /**
   * {@code manager.dict()} and {@code manager.list(range(5))} changed by ten children: {@code
   * dic[index] = 'a'}, {@code dic['2'] = 'b'}, {@code lis.append(index)}; both printed as Python
   * prints them.
   */
  static void managerDictAndList() throws InterruptedException {
    try (Manager manager = Manager.start()) {
      Map<Object, String> dic = manager.dict();
      List<Integer> l = manager.list(IntStream.range(0, 5).boxed().collect(Collectors.toList()));
      List<Process> processList = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int index = i;
        Process p =
            new Process(
                () -> {
                  dic.put(index, "a");
                  dic.put("2", "b");
                  l.add(index);
                });
        p.start();
        processList.add(p);
      }
      for (Process p : processList) {
        p.join();
      }
      System.out.println(pythonRepr(dic));
      System.out.println(l);
    }
  }

  /**
   * {@code q = Manager().Queue()} shared by a writer task and, once the writer is done, a reader
   * task of the same pool, which reads {@code q.qsize()} messages. The seed sleeps a second and
   * hopes the writer is done; this waits for the writer's result.
   */
  static void managerQueueInPool() throws Exception {
    System.out.println("(" + CurrentProcess.pid() + ") start");
    try (Manager manager = Manager.start();
        Pool po = Pool.create(2)) {
      Queue<String> q = manager.queue();
      po.applyAsync(
              () -> {
                System.out.printf(
                    "writer starts (%d), parent process is (%d)%n",
                    CurrentProcess.pid(), parentPid());
                for (char c : "helloworld".toCharArray()) {
                  q.put(String.valueOf(c));
                }
                return null;
              })
          .get();
      po.applyAsync(
              () -> {
                System.out.printf(
                    "reader starts (%d), parent process is (%d)%n",
                    CurrentProcess.pid(), parentPid());
                for (int i = q.size(); i > 0; i--) {
                  System.out.println("reader got the message from Queue: " + q.get());
                }
                return null;
              })
          .get();
      po.shutdown();
      po.join();
      System.out.println("(" + CurrentProcess.pid() + ") End");
    }
  }

  /** {@code os.getppid()}. */
  private static long parentPid() {
    return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
  }

  /** A map as Python prints a dict: {@code {0: 'a', '2': 'b'}}. */
  static String pythonRepr(Map<?, ?> dict) {
    return dict.entrySet().stream()
        .map(e -> pythonRepr(e.getKey()) + ": " + pythonRepr(e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static String pythonRepr(Object value) {
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }
}
