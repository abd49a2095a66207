package org.multiprocessing4j.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without an SLF4J provider, what tasks print and what a process threw reach the parent's stderr,
 * prefixed with the worker's name and pid, instead of vanishing into SLF4J's no-op logger.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WithoutLoggingBackendTest {

  @Test
  void workerOutputAndAProcesssFailureReachStderr(@TempDir Path dir) throws Exception {
    String classpath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("slf4j-simple"))
            .collect(Collectors.joining(File.pathSeparator));
    Path stderr = dir.resolve("stderr");
    java.lang.Process parent =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                WithoutLoggingBackend.class.getName())
            .redirectError(stderr.toFile())
            .start();
    String stdout;
    try {
      stdout = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(parent.waitFor(50, TimeUnit.SECONDS));
    } finally {
      parent.destroyForcibly();
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);

    assertTrue(stdout.contains("DONE 1"), stdout + err);
    assertFalse(stdout.contains("printed by a task"), "the library never prints to stdout");
    assertTrue(err.contains("No SLF4J providers"), "this parent really has no backend: " + err);
    assertTrue(
        Pattern.compile("\\[pool-\\d+-worker-1 pid \\d+\\] printed by a task on stdout")
            .matcher(err)
            .find(),
        err);
    assertTrue(
        Pattern.compile("\\[pool-\\d+-worker-1 pid \\d+\\] printed by a task on stderr")
            .matcher(err)
            .find(),
        err);
    assertTrue(
        Pattern.compile("Process thrower \\(pid \\d+\\) exited with code 1: its run\\(\\) threw")
            .matcher(err)
            .find(),
        err);
    assertTrue(err.contains("java.lang.IllegalStateException: thrown by run"), err);
    assertTrue(err.contains("WithoutLoggingBackend"), "with the remote stack trace: " + err);
    assertEquals(0, parent.exitValue(), err);
  }
}
