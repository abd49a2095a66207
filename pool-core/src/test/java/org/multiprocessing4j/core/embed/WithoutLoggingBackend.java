package org.multiprocessing4j.core.embed;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.Process;

/**
 * A parent whose classpath has no SLF4J provider, as a newcomer's has: a task prints, a process
 * throws. Prints {@code DONE <exit code>} on stdout at the end.
 */
public final class WithoutLoggingBackend {
  private WithoutLoggingBackend() {}

  public static void main(String[] args) throws Exception {
    try (Pool pool =
        Pool.builder().processes(1).transport("plain-socket").classDataSharing(false).build()) {
      pool.apply(
          () -> {
            System.out.println("printed by a task on stdout");
            System.err.println("printed by a task on stderr");
            return null;
          });
    }
    Process process =
        new Process(
                () -> {
                  throw new IllegalStateException("thrown by run");
                })
            .name("thrower")
            .transport("plain-socket");
    process.start();
    process.join();
    System.out.println("DONE " + process.exitCode().orElse(-1));
  }
}
