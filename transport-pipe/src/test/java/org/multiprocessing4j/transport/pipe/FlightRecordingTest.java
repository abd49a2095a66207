package org.multiprocessing4j.transport.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.ChildProcesses;

/**
 * {@code -XX:StartFlightRecording} prints its start-up message on stdout, which carries the pipe
 * transport's frames; the pool keeps it off, and each worker's recording lands in the directory.
 */
class FlightRecordingTest {

  @AfterAll
  static void noWorkerLeftBehind() throws Exception {
    ChildProcesses.assertNoneLeft();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void workersRecordWithFlightRecorderAndStillSpeakTheProtocol(@TempDir Path dir) throws Exception {
    try (Pool pool =
        Pool.builder()
            .processes(2)
            .transport("pipe")
            .jvmOptions("-XX:StartFlightRecording=filename=" + dir + "/")
            .build()) {
      assertEquals(List.of(2, 4, 6), pool.map(x -> x * 2, List.of(1, 2, 3)));
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(2, files.filter(f -> f.toString().endsWith(".jfr")).count(), "one per worker");
    }
  }
}
