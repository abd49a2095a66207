package org.multiprocessing4j.core.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A meeting point for tasks in different workers: each task announces itself with a file and waits
 * until {@code parties} tasks have, so a set of tasks succeeds only if all of them run at the same
 * time. Static so that method references serialize.
 */
public final class Rendezvous {
  /** Far longer than any worker start; a task still alone by then failed to meet the others. */
  private static final long WAIT_MILLIS = 30_000;

  private Rendezvous() {}

  /**
   * Announces task {@code index} in {@code directory}, waits for {@code parties} announcements, and
   * returns this worker's pid.
   *
   * @throws IllegalStateException if the others did not all arrive in time
   */
  public static long meet(String directory, int parties, int index) throws Exception {
    Path dir = Path.of(directory);
    long pid = ProcessHandle.current().pid();
    Files.createFile(dir.resolve(index + "-" + pid));
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (true) {
      long arrived = count(dir);
      if (arrived >= parties) {
        return pid;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "only " + arrived + " of " + parties + " tasks were running at the same time");
      }
      Thread.sleep(5);
    }
  }

  private static long count(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    }
  }
}
