package org.multiprocessing4j.transport.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.WorkerDiedException;
import org.multiprocessing4j.core.contract.ChildProcesses;

/**
 * Code that writes to file descriptor 1 behind the JVM's back (native code, a library that grabs
 * {@code FileDescriptor.out}) corrupts the pipe transport's frame stream. The pool kills that
 * worker at once, and the caller reads the pool's reason, not a guess from the exit status.
 */
class StrayOutputTest {

  static int writeToTheFrameStreamThenSleep(int millis) throws Exception {
    FileOutputStream out = new FileOutputStream(FileDescriptor.out);
    out.write("garbage".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    Thread.sleep(millis);
    return millis;
  }

  @AfterAll
  static void noWorkerLeftBehind() throws Exception {
    ChildProcesses.assertNoneLeft();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theCallerHearsThatTheStreamWasCorruptedAndThePoolGoesOn() throws Exception {
    try (Pool pool = Pool.builder().processes(1).transport("pipe").build()) {
      ExecutionException failure =
          assertThrows(
              ExecutionException.class,
              () -> pool.apply(StrayOutputTest::writeToTheFrameStreamThenSleep, 30_000));
      WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, failure.getCause());
      assertTrue(died.getMessage().contains("channel broke"), died.getMessage());
      assertTrue(died.getMessage().contains("outside the protocol"), died.getMessage());
      assertFalse(died.getMessage().contains("OOM"), died.getMessage());
      assertEquals(42, (int) pool.apply(() -> 42), "a replacement worker runs the next task");
    }
  }
}
