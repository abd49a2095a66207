package org.multiprocessing4j.core.contract;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks that a test left no process of its own behind. */
public final class ChildProcesses {
  private ChildProcesses() {}

  /**
   * Waits up to ten seconds for every descendant of this JVM to exit; kills the stragglers and
   * fails if any is left, since a worker that outlives its pool is the bug this library prevents.
   */
  public static void assertNoneLeft() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<ProcessHandle> left = List.of();
    while (System.nanoTime() < deadline) {
      left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(50);
    }
    left.forEach(ProcessHandle::destroyForcibly);
    throw new AssertionError("child JVMs left behind: " + left);
  }
}
