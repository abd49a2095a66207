package org.multiprocessing4j.core.internal.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.multiprocessing4j.WorkerOutput;
import org.multiprocessing4j.core.internal.worker.WorkerMain;
import org.multiprocessing4j.spi.PoolSpec;

/**
 * Starts worker JVMs: the parent's {@code java} and classpath, the pool's JVM options, the workers'
 * {@linkplain ClassDataArchive class-data archive}, then the user's options. The classpath goes
 * into an {@code @argfile}, because Linux refuses a single argument over 128 KiB and Windows a
 * command line over 32 K characters.
 */
public final class WorkerLauncher {
  /** Read by {@link org.multiprocessing4j.CurrentProcess}; names the worker in {@code ps} too. */
  static final String WORKER_NAME_PROPERTY = "multiprocessing4j.worker.name";

  /**
   * Keeps JVM diagnostics off stdout, which may carry frames: thread dumps, unified logging and
   * class-data-sharing warnings all default to stdout.
   */
  private static final List<String> STDOUT_HYGIENE =
      List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr");

  /**
   * A safety net for serializers that reach into JDK internals; the parent cannot rely on them,
   * since it does not own its own command line.
   */
  private static final List<String> OPENS =
      List.of(
          "java.base/java.lang",
          "java.base/java.lang.invoke",
          "java.base/java.util",
          "java.base/java.util.concurrent",
          "java.base/java.util.concurrent.atomic",
          "java.base/java.net",
          "java.base/java.util.regex",
          "java.base/java.io");

  /** Training workers have exited when the pool closes: taking the archive is a rename. */
  private static final long TRAINING_TAKE_MILLIS = 2_000;

  /** Where a crashing worker JVM writes its report: not the user's working directory. */
  private static final String ERROR_FILE_PATTERN = "multiprocessing4j-hs_err_pid%p.log";

  private final PoolSpec spec;

  /** The pool's options, then the user's; class-data options go in between. */
  private final List<String> poolOptions;

  private final ClassDataArchive archive;

  /** Archives being taken from exited training workers. */
  private final Set<CompletableFuture<Void>> trainings = ConcurrentHashMap.newKeySet();

  private final Path argfile;

  public WorkerLauncher(PoolSpec spec) {
    this.spec = spec;
    List<String> options = new ArrayList<>(STDOUT_HYGIENE);
    options.add(
        "-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), ERROR_FILE_PATTERN));
    for (String open : OPENS) {
      options.add("--add-opens=" + open + "=ALL-UNNAMED");
    }
    this.poolOptions = List.copyOf(options);
    options.addAll(spec.jvmOptions());
    this.archive =
        spec.classDataArchiveDirectory() == null
            ? null
            : ClassDataArchive.forWorkers(
                spec.classDataArchiveDirectory(),
                spec.javaExecutable(),
                spec.classpath(),
                options,
                "transport "
                    + spec.transport().name()
                    + ", serializer "
                    + spec.serializer().name());
    this.argfile =
        writeArgfile(
            spec.classpath(),
            spec.inheritSystemProperties() ? InheritedProperties.options() : List.of());
  }

  public LaunchedWorker launch(String workerName, WorkerOutput output) throws IOException {
    ClassDataArchive.Use sharing =
        archive == null ? new ClassDataArchive.Use(List.of(), null) : archive.nextWorker();
    List<String> command = new ArrayList<>();
    command.add(spec.javaExecutable().toString());
    command.addAll(poolOptions);
    command.addAll(sharing.options());
    command.add("-D" + WORKER_NAME_PROPERTY + "=" + workerName);
    // Before the user's options, so that their -D wins over an inherited property.
    command.add("@" + argfile);
    command.addAll(spec.jvmOptions());
    command.add(WorkerMain.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(spec.environment());
    if (spec.workingDirectory() != null) {
      builder.directory(spec.workingDirectory().toFile());
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException | RuntimeException e) {
      if (sharing.trainingFile() != null) {
        archive.trainingAbandoned(sharing.trainingFile());
      }
      throw e;
    }
    if (sharing.trainingFile() != null) {
      CompletableFuture<Void> taken =
          process
              .onExit()
              .thenAccept(
                  exited -> archive.trainingEnded(sharing.trainingFile(), exited.exitValue()));
      trainings.add(taken);
      taken.whenComplete((ignored, failure) -> trainings.remove(taken));
    }
    return new LaunchedWorker(workerName, process, output);
  }

  /** The crash report a worker JVM with this pid writes, if it crashes. */
  public static Path errorFile(long pid) {
    return Path.of(
        System.getProperty("java.io.tmpdir"), ERROR_FILE_PATTERN.replace("%p", Long.toString(pid)));
  }

  /**
   * Cleans up once every worker has exited. Waits briefly until the archive of a training worker is
   * taken, since an application often exits right after its pool closes.
   */
  public void close() {
    for (CompletableFuture<Void> training : trainings) {
      try {
        training.get(TRAINING_TAKE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | TimeoutException e) {
        // The next pool trains again.
      }
    }
    try {
      Files.deleteIfExists(argfile);
    } catch (IOException ignored) {
      // A temp file left behind is harmless.
    }
  }

  /**
   * Writes the classpath and {@code options} quoted, one per line: the system properties may hold
   * anything, secrets included, and the file is readable by this user only.
   */
  private static Path writeArgfile(String classpath, List<String> options) {
    try {
      Path file;
      try {
        file =
            Files.createTempFile(
                "multiprocessing4j-",
                ".args",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        file = Files.createTempFile("multiprocessing4j-", ".args");
      }
      StringBuilder lines = new StringBuilder("-cp ").append(quote(classpath)).append('\n');
      for (String option : options) {
        lines.append(quote(option)).append('\n');
      }
      Files.writeString(file, lines, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the workers' classpath argfile", e);
    }
  }

  /** Quotes for the launcher's argfile syntax, where a backslash escapes within quotes. */
  private static String quote(String argument) {
    return "\""
        + argument
            .replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
            .replace("\f", "\\f")
        + "\"";
  }
}
