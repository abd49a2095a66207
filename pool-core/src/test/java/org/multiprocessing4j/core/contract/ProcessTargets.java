package org.multiprocessing4j.core.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.multiprocessing4j.CurrentProcess;

/** What the process tests' children run; static so that references to them serialize. */
public final class ProcessTargets {
  private ProcessTargets() {}

  /** Says hello on stdout, then writes who and where the child is to {@code path}. */
  static void report(String path) throws IOException {
    System.out.println("hello from " + CurrentProcess.name());
    Files.writeString(
        Path.of(path),
        CurrentProcess.name()
            + " "
            + CurrentProcess.pid()
            + " "
            + System.getProperty("mp4j.test.flag"));
  }

  static void failOnPurpose() {
    throw new IllegalArgumentException("failing on purpose in " + CurrentProcess.name());
  }

  /** Creates {@code marker} once running, then sleeps until killed. */
  static void markThenSleep(String marker) throws Exception {
    Files.createFile(Path.of(marker));
    Thread.sleep(60_000);
  }

  static void sleepThenWrite(String path, long millis) throws Exception {
    Thread.sleep(millis);
    Files.writeString(Path.of(path), "done");
  }

  /** Waits up to thirty seconds for {@code path} to exist. */
  static void awaitFile(Path path) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!Files.exists(path)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(path + " did not appear within 30 s");
      }
      Thread.sleep(10);
    }
  }
}
