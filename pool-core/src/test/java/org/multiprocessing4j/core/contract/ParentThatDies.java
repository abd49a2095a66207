package org.multiprocessing4j.core.contract;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.multiprocessing4j.Pool;

/**
 * A parent JVM for the parent-death tests: starts a pool on the named transport, makes sure both
 * workers are up, prints their pids on one line, then waits to be killed or, given a second
 * argument, exits normally, without closing the pool, once a line arrives on its stdin.
 */
public final class ParentThatDies {
  private ParentThatDies() {}

  static long pidAfterNap(int ignored) throws InterruptedException {
    Thread.sleep(20);
    return ProcessHandle.current().pid();
  }

  public static void main(String[] args) throws Exception {
    Pool pool = Pool.builder().processes(2).transport(args[0]).build();
    // Workers may start one after another: wait until both have run a task.
    Set<Long> ready = new HashSet<>();
    while (ready.size() < 2) {
      ready.addAll(pool.map(ParentThatDies::pidAfterNap, List.of(1, 2, 3, 4), 1));
    }
    String pids =
        ProcessHandle.current()
            .children()
            .map(child -> Long.toString(child.pid()))
            .collect(Collectors.joining(" "));
    System.out.println("WORKERS " + pids);
    System.out.flush();
    if (args.length > 1) {
      new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
      System.exit(0);
    }
    Thread.sleep(600_000);
  }
}
