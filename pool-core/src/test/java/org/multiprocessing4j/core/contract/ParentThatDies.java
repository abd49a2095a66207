package org.multiprocessing4j.core.contract;

import java.util.stream.Collectors;
import org.multiprocessing4j.Pool;

/**
 * A parent JVM for the parent-death test: starts a pool on the named transport, makes sure both
 * workers are up, prints their pids on one line and waits to be killed.
 */
public final class ParentThatDies {
  private ParentThatDies() {}

  public static void main(String[] args) throws Exception {
    Pool pool = Pool.builder().processes(2).transport(args[0]).build();
    pool.map(Tasks::square, java.util.List.of(1, 2, 3, 4), 1);
    String pids =
        ProcessHandle.current()
            .children()
            .map(child -> Long.toString(child.pid()))
            .collect(Collectors.joining(" "));
    System.out.println("WORKERS " + pids);
    System.out.flush();
    Thread.sleep(600_000);
  }
}
