package org.multiprocessing4j.core.internal.launch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application class-data archive for a pool's workers (AppCDS, JEP 350): the classes a worker
 * loaded, already parsed and verified, mapped into the next workers instead of being read from the
 * jars again. It roughly halves the time from a worker's JVM start to its first task.
 *
 * <p>The first worker started without an archive dumps one when it exits ({@code
 * -XX:ArchiveClassesAtExit}) to a temporary name; the pool moves it into place once that worker has
 * exited normally, because the JVM crashes on a truncated archive. Later workers, in this pool and
 * in every other pool with the same key, map it ({@code -XX:SharedArchiveFile}). Several JVMs may
 * train at once: each move replaces the archive atomically, and a worker maps the file it opened.
 *
 * <p>The archive is named by a hash of everything the JVM validates it against: the JDK, each
 * classpath entry with its size and modification time, and the worker's options. The JVM still
 * checks, and runs without the archive (a warning on the worker's stderr) if it does not fit.
 */
final class ClassDataArchive {
  private static final Logger log = LoggerFactory.getLogger(ClassDataArchive.class);

  /** Archives kept per directory: each classpath or option change makes a new one. */
  static final int KEEP = 8;

  /** A training file older than this belongs to a JVM that died while dumping. */
  private static final Duration ABANDONED_TRAINING = Duration.ofHours(1);

  private static final String PREFIX = "worker-";
  private static final String SUFFIX = ".jsa";
  private static final String TRAINING_SUFFIX = ".training";

  /** Options through which the user takes class-data sharing into their own hands. */
  private static final List<String> CDS_OPTIONS =
      List.of(
          "-Xshare",
          "-XX:SharedArchiveFile",
          "-XX:ArchiveClassesAtExit",
          "-XX:+AutoCreateSharedArchive",
          "-XX:-UseSharedSpaces",
          "-XX:+UseSharedSpaces",
          "-XX:SharedClassListFile",
          "-XX:DumpLoadedClassList",
          "-XX:AOTCache",
          "-XX:AOTMode",
          "-XX:AOTConfiguration",
          "-XX:AOTCacheOutput");

  private final Path directory;
  private final Path archive;
  private final AtomicBoolean training = new AtomicBoolean();

  private ClassDataArchive(Path directory, String key) {
    this.directory = directory;
    this.archive = directory.resolve(PREFIX + key + SUFFIX);
  }

  /**
   * Returns the archive for workers started with {@code javaExecutable}, {@code classpath} and
   * {@code options}, or {@code null} when they cannot use one; the reason is logged. {@code
   * workload} names what else decides which classes a worker loads, such as its transport: one
   * archive holds the classes of the worker that trained it.
   */
  static ClassDataArchive forWorkers(
      Path directory,
      Path javaExecutable,
      String classpath,
      List<String> options,
      String workload) {
    String reason = whyNot(javaExecutable, classpath, options);
    if (reason != null) {
      log.debug("Workers start without a class-data archive: {}", reason);
      return null;
    }
    try {
      createPrivateDirectory(directory);
    } catch (IOException | RuntimeException e) {
      log.warn("Workers start without a class-data archive: cannot create {}: {}", directory, e);
      return null;
    }
    ClassDataArchive archive = new ClassDataArchive(directory, key(classpath, options, workload));
    archive.markUsed();
    return archive;
  }

  /**
   * Why workers started this way cannot use an archive, or {@code null} if they can. The worker's
   * JDK must be this one, so that its version is known; the JVM refuses classpaths with non-empty
   * directories; and options that set up class-data sharing themselves leave it to the user.
   */
  static String whyNot(Path javaExecutable, String classpath, List<String> options) {
    Path ours =
        Path.of(System.getProperty("java.home"), "bin", javaExecutable.getFileName().toString());
    try {
      if (!Files.isSameFile(javaExecutable, ours)) {
        return "the workers' java " + javaExecutable + " is not this JVM's " + ours;
      }
    } catch (IOException | RuntimeException e) {
      return "cannot tell whether " + javaExecutable + " is this JVM's java: " + e;
    }
    for (String option : options) {
      for (String cds : CDS_OPTIONS) {
        if (option.startsWith(cds)) {
          return "the worker options set up class-data sharing themselves (" + option + ")";
        }
      }
    }
    for (String entry : entries(classpath)) {
      if (entry.endsWith("*")) {
        return "the classpath has a wildcard entry " + entry;
      }
      Path path = Path.of(entry);
      if (Files.isDirectory(path) && !isEmptyDirectory(path)) {
        return "the classpath has a directory, " + entry + ", and the JVM archives only jars";
      }
    }
    return null;
  }

  /**
   * Names what the JVM validates an archive against, and the workload; equal inputs give equal
   * keys.
   */
  static String key(String classpath, List<String> options, String workload) {
    List<String> lines = new ArrayList<>();
    lines.add("workload " + workload);
    Path javaHome = Path.of(System.getProperty("java.home"));
    lines.add("java.home " + javaHome);
    lines.add("java.runtime.version " + System.getProperty("java.runtime.version"));
    lines.add("java.vm.version " + System.getProperty("java.vm.version"));
    // The JDK's own archives and modules: rebuilt in place by a package update or -Xshare:dump.
    lines.add(describe(javaHome.resolve("lib").resolve("modules")));
    lines.add(describe(javaHome.resolve("lib").resolve("server").resolve("classes.jsa")));
    lines.add(describe(javaHome.resolve("lib").resolve("server").resolve("classes_nocoops.jsa")));
    // The JVM checks the classpath as written: the same jars named by relative and by absolute
    // paths make an archive it rejects, silently, so the text itself is part of the key.
    lines.add("classpath " + classpath);
    for (String entry : entries(classpath)) {
      lines.add("entry " + describe(Path.of(entry)));
    }
    for (String option : options) {
      lines.add("option " + option);
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform must support SHA-256", e);
    }
  }

  Path archive() {
    return archive;
  }

  /**
   * Decides how the next worker takes part: it maps the archive if there is one; else the first
   * worker asked dumps one, to the returned training file, and the others run without.
   */
  Use nextWorker() {
    if (Files.isRegularFile(archive)) {
      return new Use(List.of("-XX:SharedArchiveFile=" + archive), null);
    }
    if (training.compareAndSet(false, true)) {
      Path file =
          directory.resolve(
              archive.getFileName()
                  + "."
                  + ProcessHandle.current().pid()
                  + "-"
                  + Long.toHexString(ThreadLocalRandom.current().nextLong())
                  + TRAINING_SUFFIX);
      // The dump's own warnings (classes it skips) would reach the pool's log as worker output.
      return new Use(List.of("-XX:ArchiveClassesAtExit=" + file, "-Xlog:cds*=off:stderr"), file);
    }
    return new Use(List.of(), null);
  }

  /**
   * Takes the archive a training worker dumped, once that worker has exited: only a normal exit
   * guarantees a complete file. Otherwise the next worker trains again.
   */
  void trainingEnded(Path file, int exitStatus) {
    try {
      if (exitStatus == 0 && Files.size(file) > 0) {
        moveIntoPlace(file);
        log.debug("Created the workers' class-data archive {}", archive);
        prune();
        return;
      }
      log.debug("No class-data archive from a worker that exited with status {}", exitStatus);
    } catch (IOException | RuntimeException e) {
      log.debug("No class-data archive from {}: {}", file, e.toString());
    } finally {
      deleteQuietly(file);
      training.set(false);
    }
  }

  /** The training did not start (the worker could not be launched); the next worker trains. */
  void trainingAbandoned(Path file) {
    deleteQuietly(file);
    training.set(false);
  }

  /**
   * Keeps the {@link #KEEP} most recently used archives and deletes abandoned training files, so
   * that a directory shared by many builds does not grow without bound. An archive deleted while a
   * worker maps it stays valid for that worker.
   */
  void prune() {
    List<Path> archives = new ArrayList<>();
    Instant abandoned = Instant.now().minus(ABANDONED_TRAINING);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          archives.add(file);
        } else if (name.endsWith(TRAINING_SUFFIX)
            && Files.getLastModifiedTime(file).toInstant().isBefore(abandoned)) {
          deleteQuietly(file);
        }
      }
    } catch (IOException | RuntimeException e) {
      log.debug("Cannot prune the class-data archives in {}: {}", directory, e.toString());
      return;
    }
    archives.sort(Comparator.comparing(ClassDataArchive::lastModified).reversed());
    for (Path old : archives.subList(Math.min(KEEP, archives.size()), archives.size())) {
      deleteQuietly(old);
    }
  }

  private void moveIntoPlace(Path file) throws IOException {
    try {
      Files.move(
          file, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(file, archive, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Pruning goes by modification time, so an archive in use is touched. */
  private void markUsed() {
    try {
      if (Files.isRegularFile(archive)) {
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
      }
    } catch (IOException | RuntimeException e) {
      log.debug("Cannot touch {}: {}", archive, e.toString());
    }
  }

  /**
   * Creates {@code directory} if needed, writable by this user only: workers load classes from it.
   */
  static void createPrivateDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    try {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createDirectories(directory);
    }
  }

  private static List<String> entries(String classpath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      // An empty entry means the working directory to the class loader, but class-data sharing
      // skips it: its classes are simply not archived.
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private static boolean isEmptyDirectory(Path directory) {
    try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
      return !children.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }

  private static String describe(Path path) {
    try {
      return path.toAbsolutePath()
          + " "
          + Files.size(path)
          + " "
          + Files.getLastModifiedTime(path).toMillis();
    } catch (IOException | RuntimeException e) {
      return path.toAbsolutePath() + " absent";
    }
  }

  private static FileTime lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Pruned again later.
    }
  }

  /**
   * How one worker takes part.
   *
   * @param options the worker's class-data options
   * @param trainingFile where it dumps the archive, or {@code null} if it does not
   */
  record Use(List<String> options, Path trainingFile) {}
}
