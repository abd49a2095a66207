package org.multiprocessing4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The projects under {@code src/it}, as users build them, run a map {@code i -> i * 2} over {@code
 * [1, 2, 3]} in worker JVMs and print {@code [2, 4, 6]}.
 */
class ConsumersIT {
  private static final Path PROJECTS = Path.of(System.getProperty("mp4j.it.directory"));

  @Test
  void aMainRunByMvnExecJavaMapsInWorkers() throws IOException {
    String log = Files.readString(PROJECTS.resolve("exec-java/build.log"), StandardCharsets.UTF_8);

    assertTrue(log.contains("[2, 4, 6]"), log);
    assertFalse(log.contains("Could not find or load main class"), log);
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aSpringBootExecutableJarMapsInWorkers(@TempDir Path cache) throws Exception {
    Run run = javaJar(PROJECTS.resolve("spring-boot/target/app.jar"), cache);

    assertTrue(run.output().contains("RESULT [2, 4, 6]"), run.output());
    assertEquals(0, run.exitCode(), run.output());
    try (Stream<Path> unpacked = Files.walk(cache.resolve("multiprocessing4j/jars"))) {
      List<String> names = unpacked.map(path -> path.getFileName().toString()).toList();
      assertTrue(
          names.stream().anyMatch(name -> name.startsWith("pool-core-")),
          "the nested jars are unpacked once into the cache: " + names);
      assertTrue(names.contains("classes.jar"), "BOOT-INF/classes is packed into a jar: " + names);
    }

    Run again = javaJar(PROJECTS.resolve("spring-boot/target/app.jar"), cache);
    assertTrue(again.output().contains("RESULT [2, 4, 6]"), "from the cache: " + again.output());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aShadedJarMapsInWorkers(@TempDir Path cache) throws Exception {
    Run run = javaJar(PROJECTS.resolve("shaded/target/app.jar"), cache);

    assertTrue(run.output().contains("RESULT [2, 4, 6]"), run.output());
    assertEquals(0, run.exitCode(), run.output());
  }

  /** Runs {@code java -jar}, with the user's cache directory in {@code cache}. */
  private static Run javaJar(Path jar, Path cache) throws Exception {
    assertTrue(Files.isRegularFile(jar), jar + " was built");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString())
            .redirectErrorStream(true);
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
    Process process = builder.start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), output);
      return new Run(output, process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }

  private record Run(String output, int exitCode) {}
}
