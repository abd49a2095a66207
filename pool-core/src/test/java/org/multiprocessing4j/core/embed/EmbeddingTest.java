package org.multiprocessing4j.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.Process;
import org.multiprocessing4j.SerializableFunction;
import org.multiprocessing4j.core.contract.ChildProcesses;

/**
 * Workers start wherever the parent runs: their classpath comes from the class loaders the pool and
 * its work were loaded by, a classpath that cannot start a worker fails the build before any JVM
 * starts, and workers get the environment, directory and properties they are given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddingTest {

  private static Pool.Builder builder() {
    return Pool.builder().processes(1).transport("plain-socket").classDataSharing(false);
  }

  @AfterAll
  void noChildLeftBehind() throws Exception {
    ChildProcesses.assertNoneLeft();
  }

  @Test
  void aTaskClassFromAClassLoaderOffTheClasspathRunsInWorkers(@TempDir Path dir) throws Exception {
    Path classes = compilePlugin(dir);
    assertTrue(
        !System.getProperty("java.class.path").contains(classes.toString()),
        "the plugin must not be on java.class.path");
    try (URLClassLoader plugins =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      @SuppressWarnings("unchecked")
      SerializableFunction<Integer, Integer> tripler =
          (SerializableFunction<Integer, Integer>)
              plugins.loadClass("plugin.Tripler").getConstructor().newInstance();
      try (Pool pool = builder().classLoader(plugins).build()) {
        assertEquals(List.of(3, 6, 9), pool.map(tripler, List.of(1, 2, 3)));
      }
    }
  }

  @Test
  void aPluginLoaderThatIsTheContextLoaderNeedsNoSetting(@TempDir Path dir) throws Exception {
    Path classes = compilePlugin(dir);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader plugins =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      thread.setContextClassLoader(plugins);
      @SuppressWarnings("unchecked")
      SerializableFunction<Integer, Integer> tripler =
          (SerializableFunction<Integer, Integer>)
              plugins.loadClass("plugin.Tripler").getConstructor().newInstance();
      try (Pool pool = builder().build()) {
        assertEquals(List.of(30), pool.map(tripler, List.of(10)));
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Test
  void aClasspathWithoutTheWorkerFailsTheBuildBeforeAnyJvmStarts(@TempDir Path dir) {
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class, () -> builder().classpath(dir.toString()).build());

    String message = failure.getMessage();
    assertTrue(message.contains("org.multiprocessing4j.core.internal.worker.WorkerMain"), message);
    assertTrue(message.contains("PlainSocketTransportProvider"), message);
    assertTrue(message.contains("KryoSerializerProvider"), message);
    assertTrue(message.contains(dir.toAbsolutePath().toString()), message);
    assertTrue(message.contains("Pool.builder().classpath(...)"), message);
    assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count());
  }

  @Test
  void aProcessWithAClasspathWithoutTheWorkerFailsStartBeforeAnyJvmStarts(@TempDir Path dir) {
    Process process = new Process(() -> {}).transport("plain-socket").classpath(dir.toString());

    IllegalStateException failure = assertThrows(IllegalStateException.class, process::start);

    assertTrue(failure.getMessage().contains("WorkerMain"), failure.getMessage());
    assertTrue(failure.getMessage().contains("Process.classpath(...)"), failure.getMessage());
    assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count());
  }

  @Test
  void workersGetTheirEnvironmentDirectoryAndTheParentsProperties(@TempDir Path dir)
      throws Exception {
    String property = "mp4j.embedding.inherited";
    String value = "a value with \"quotes\", \\backslashes\\ and\ta tab";
    System.setProperty(property, value);
    try (Pool pool =
        builder()
            .environment("MP4J_GREETING", "hello")
            .environment(java.util.Map.of("MP4J_OTHER", "other"))
            .workingDirectory(dir)
            .inheritSystemProperties(true)
            .build()) {
      assertEquals(
          "hello other",
          pool.apply(() -> System.getenv("MP4J_GREETING") + " " + System.getenv("MP4J_OTHER")));
      assertEquals(
          dir.toRealPath().toString(),
          pool.apply(() -> Path.of("").toAbsolutePath().toRealPath().toString()));
      assertEquals(value, pool.apply(() -> System.getProperty(property)));
      assertEquals(
          System.getProperty("java.home"),
          pool.apply(() -> System.getProperty("java.home")),
          "a worker keeps the properties its own JVM sets");
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void workersInheritNoPropertiesUnlessAsked() throws Exception {
    String property = "mp4j.embedding.private";
    System.setProperty(property, "secret");
    try (Pool pool = builder().build()) {
      assertNull(pool.apply(() -> System.getProperty(property)));
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void aProcessGetsItsEnvironmentDirectoryAndProperties(@TempDir Path dir) throws Exception {
    String property = "mp4j.embedding.process";
    System.setProperty(property, "inherited");
    Path report = dir.resolve("report");
    String reportName = report.toString();
    try {
      Process process =
          new Process(
                  () ->
                      Files.writeString(
                          Path.of(reportName),
                          System.getenv("MP4J_PROCESS")
                              + "|"
                              + Path.of("").toAbsolutePath().toRealPath()
                              + "|"
                              + System.getProperty(property)))
              .transport("plain-socket")
              .environment("MP4J_PROCESS", "set")
              .workingDirectory(dir)
              .inheritSystemProperties(true)
              .start();
      assertTrue(process.join(Duration.ofSeconds(30)));
      assertEquals(0, process.exitCode().orElseThrow(), () -> process.failure().toString());
      assertEquals(
          "set|" + dir.toRealPath() + "|inherited",
          Files.readString(report, StandardCharsets.UTF_8));
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void badEnvironmentAndDirectoriesAreRejectedAtOnce(@TempDir Path dir) {
    assertThrows(IllegalArgumentException.class, () -> Pool.builder().environment("A=B", "c"));
    assertThrows(IllegalArgumentException.class, () -> Pool.builder().environment(" ", "c"));
    assertThrows(NullPointerException.class, () -> Pool.builder().environment("A", null));
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> Pool.builder().workingDirectory(dir.resolve("absent")));
    assertTrue(missing.getMessage().contains("workingDirectory"), missing.getMessage());
  }

  /** Compiles a task class into {@code dir}/classes, which no class loader of this JVM knows. */
  static Path compilePlugin(Path dir) throws Exception {
    Path sources = Files.createDirectories(dir.resolve("src/plugin"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path source = sources.resolve("Tripler.java");
    Files.writeString(
        source,
        "package plugin;\n"
            + "public class Tripler implements"
            + " org.multiprocessing4j.SerializableFunction<Integer, Integer> {\n"
            + "  public Integer apply(Integer x) { return x * 3; }\n"
            + "}\n");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status =
        compiler.run(
            null,
            null,
            null,
            "-cp",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString(),
            source.toString());
    assertEquals(0, status, "the plugin compiles");
    assertTrue(Files.isRegularFile(classes.resolve("plugin" + File.separator + "Tripler.class")));
    return classes;
  }
}
