package org.multiprocessing4j.transport.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.Pool;

/**
 * Workers on a jar-only classpath create a class-data archive and then start from it; tests
 * otherwise run from {@code target/classes}, where the JVM archives nothing.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClassDataArchiveTest {
  private static final String WORKER_MAIN = "org.multiprocessing4j.core.internal.worker.WorkerMain";

  @TempDir Path temp;

  @Test
  void theFirstPoolTrainsAnArchiveThatLaterPoolsMap() throws Exception {
    String classpath = jarOnlyClasspath();
    Path cache = temp.resolve("cds");
    Path logs = Files.createDirectories(temp.resolve("logs"));
    // The same options in every pool, so the same archive: where each worker loaded its classes.
    String classLog = "-Xlog:class+load=info:file=" + logs.resolve("load-%p.log");

    assertEquals(2, run(classpath, cache, classLog));
    Path archive = onlyArchive(cache);
    assertTrue(Files.size(archive) > 0);
    List<Path> trainingLogs = list(logs);
    assertEquals(1, trainingLogs.size());
    assertFalse(loadedFromArchive(trainingLogs.get(0)));

    assertEquals(2, run(classpath, cache, classLog));
    List<Path> later = list(logs);
    later.removeAll(trainingLogs);
    assertEquals(1, later.size());
    assertTrue(loadedFromArchive(later.get(0)), "the second pool's worker mapped the archive");
    assertEquals(archive, onlyArchive(cache));
  }

  @Test
  void anArchiveTheJvmRejectsDoesNotStopWorkersNorReachTheFrameStream() throws Exception {
    String classpath = jarOnlyClasspath();
    Path cache = temp.resolve("cds");
    run(classpath, cache);
    Path stale = onlyArchive(cache);
    Path moved = temp.resolve("stale.jsa");
    Files.move(stale, moved);
    // A jar that changed after the training: a new archive, which the old one then replaces.
    Path jar = Path.of(classpath.split(File.pathSeparator)[0]);
    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
    run(classpath, cache);
    Files.copy(moved, onlyArchive(cache), StandardCopyOption.REPLACE_EXISTING);

    List<String> output = new CopyOnWriteArrayList<>();
    try (Pool pool =
        Pool.builder()
            .processes(1)
            .transport("pipe")
            .classpath(classpath)
            .classDataArchive(cache)
            .workerOutput((worker, pid, line) -> output.add(line))
            .build()) {
      assertEquals(2, (int) pool.apply(ClassDataArchiveTest::twice, 1));
    }
    assertTrue(
        output.stream().anyMatch(line -> line.contains("Unable to use shared archive")),
        output.toString());
  }

  @Test
  void classDataSharingCanBeTurnedOff() throws Exception {
    Path cache = temp.resolve("cds");
    try (Pool pool =
        Pool.builder()
            .processes(1)
            .transport("pipe")
            .classpath(jarOnlyClasspath())
            .classDataArchive(cache)
            .classDataSharing(false)
            .build()) {
      assertEquals(2, (int) pool.apply(ClassDataArchiveTest::twice, 1));
    }
    assertFalse(Files.exists(cache));
  }

  static int twice(int x) {
    return 2 * x;
  }

  private static int run(String classpath, Path cache, String... jvmOptions) throws Exception {
    try (Pool pool =
        Pool.builder()
            .processes(1)
            .transport("pipe")
            .classpath(classpath)
            .classDataArchive(cache)
            .jvmOptions(jvmOptions)
            .build()) {
      return pool.apply(ClassDataArchiveTest::twice, 1);
    }
  }

  private static Path onlyArchive(Path cache) throws IOException {
    List<Path> archives = list(cache);
    assertEquals(1, archives.size(), archives.toString());
    assertTrue(archives.get(0).toString().endsWith(".jsa"), archives.toString());
    return archives.get(0);
  }

  private static boolean loadedFromArchive(Path classLog) throws IOException {
    try (Stream<String> lines = Files.lines(classLog)) {
      return lines.anyMatch(
          line -> line.contains(WORKER_MAIN + " source: shared objects file (top)"));
    }
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return new ArrayList<>(files.sorted().toList());
    }
  }

  /** This JVM's classpath with each directory packed into a jar. */
  private String jarOnlyClasspath() throws IOException {
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (Files.isDirectory(path)) {
        Path jar = temp.resolve("classes-" + n++ + ".jar");
        pack(path, jar);
        entries.add(jar.toString());
      } else if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static void pack(Path directory, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(directory)) {
      for (Path each : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(
            new JarEntry(directory.relativize(each).toString().replace(File.separatorChar, '/')));
        Files.copy(each, out);
        out.closeEntry();
      }
    }
  }
}
