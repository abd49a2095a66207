package org.multiprocessing4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.spi.PoolSpec;
import org.multiprocessing4j.spi.RunningProcess;

/**
 * Runs one piece of work in a child JVM of its own: Python's {@code multiprocessing.Process}.
 *
 * <pre>{@code
 * Process p = new Process(() -> System.out.println("hello from " + CurrentProcess.pid()));
 * p.start();
 * p.join();
 * }</pre>
 *
 * <p>Give a target, or subclass and override {@link #run()} (Python's second way). At {@link
 * #start()} the process object itself is serialized and sent to the child, which calls {@code
 * run()} on its copy: fields set before {@code start} are there, changes made in the child stay in
 * the child. Share results through a {@link Queue}, {@link Pipe} or the objects of a {@link
 * Manager}.
 *
 * <p>The child's standard output and error go to this JVM's log (or to {@link #workerOutput}), line
 * by line; when SLF4J has no provider, they and the exception {@code run} threw go to this JVM's
 * stderr instead. The child exits when {@code run} returns or throws, and dies with this JVM
 * however this JVM dies: no orphan is left. A non-daemon process keeps this JVM from exiting until
 * it ends, as in Python; a daemon process does not.
 *
 * <p>Setters must be called before {@link #start()}. The other methods are thread-safe.
 *
 * <p>This class shares its name with {@link java.lang.Process}: import it explicitly.
 */
public class Process implements SerializableRunnable {
  private static final long serialVersionUID = 1L;
  private static final AtomicInteger NUMBERS = new AtomicInteger();

  private final SerializableRunnable target;
  private String name = "Process-" + NUMBERS.incrementAndGet();
  private boolean daemon;
  private transient Pool.Builder settings = Pool.builder().processes(1);
  private transient volatile RunningProcess running;

  /**
   * Creates a process that will run {@code target}: Python's {@code Process(target=f, args=(..))},
   * with the arguments captured by the lambda.
   *
   * @param target what the child runs
   * @throws NullPointerException if {@code target} is null
   */
  public Process(SerializableRunnable target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  /** Creates a process for a subclass that overrides {@link #run()}. */
  protected Process() {
    this.target = null;
  }

  /**
   * What the child runs: the target given to the constructor, or a subclass's override. Called in
   * the child by the library; calling it here runs it here, as in Python.
   *
   * @throws Exception what the target throws; the child then exits with code 1
   */
  @Override
  public void run() throws Exception {
    if (target != null) {
      target.run();
    }
  }

  /**
   * Names the process; {@link CurrentProcess#name()} returns it in the child. Default {@code
   * Process-<n>}, as in Python.
   *
   * @param name the name
   * @return this process
   * @throws IllegalArgumentException if {@code name} is null or blank
   * @throws IllegalStateException if already started
   */
  public Process name(String name) {
    requireNotStarted();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be null or blank");
    }
    this.name = name;
    return this;
  }

  /**
   * Returns the process's name: Python's {@code name}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Marks the process a daemon: Python's {@code daemon = True}. This JVM may exit while a daemon
   * process runs, and the daemon then dies with it; a non-daemon process keeps this JVM alive until
   * it ends. Default {@code false}.
   *
   * @param daemon whether the process is a daemon
   * @return this process
   * @throws IllegalStateException if already started
   */
  public Process daemon(boolean daemon) {
    requireNotStarted();
    this.daemon = daemon;
    return this;
  }

  /**
   * Returns whether the process is a daemon: Python's {@code daemon}.
   *
   * @return {@code true} for a daemon
   */
  public boolean isDaemon() {
    return daemon;
  }

  /**
   * Adds options for the child JVM, for example {@code -Xmx256m}.
   *
   * @param options the options
   * @return this process
   * @throws IllegalArgumentException if an option is null or blank
   * @throws IllegalStateException if already started
   */
  public Process jvmOptions(String... options) {
    requireNotStarted();
    settings.jvmOptions(options);
    return this;
  }

  /**
   * Chooses the transport by name, for example {@code "pipe"} or {@code "socket"}. Default: the
   * highest-priority transport on the classpath.
   *
   * @param name the transport's name
   * @return this process
   * @throws IllegalArgumentException if {@code name} is null or blank
   * @throws IllegalStateException if already started
   */
  public Process transport(String name) {
    requireNotStarted();
    settings.transport(name);
    return this;
  }

  /**
   * Sends the child's output lines to {@code output} instead of the log.
   *
   * @param output receives each line
   * @return this process
   * @throws NullPointerException if {@code output} is null
   * @throws IllegalStateException if already started
   */
  public Process workerOutput(WorkerOutput output) {
    requireNotStarted();
    settings.workerOutput(Objects.requireNonNull(output, "output"));
    return this;
  }

  /**
   * Sets the child's classpath; see {@link Pool.Builder#classpath(String)}. Default: derived from
   * where this JVM's classes, and this process's, come from.
   *
   * @param classpath the classpath, entries separated by the platform's path separator
   * @return this process
   * @throws IllegalArgumentException if {@code classpath} is null or blank
   * @throws IllegalStateException if already started
   */
  public Process classpath(String classpath) {
    requireNotStarted();
    settings.classpath(classpath);
    return this;
  }

  /**
   * Sets an environment variable for the child, on top of this JVM's environment, which the child
   * inherits; see {@link Pool.Builder#environment(String, String)}.
   *
   * @param name the variable's name
   * @param value its value
   * @return this process
   * @throws IllegalArgumentException if {@code name} is null, blank or holds {@code '='}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalStateException if already started
   */
  public Process environment(String name, String value) {
    requireNotStarted();
    settings.environment(name, value);
    return this;
  }

  /**
   * Sets environment variables for the child; see {@link #environment(String, String)}.
   *
   * @param variables names and values
   * @return this process
   * @throws IllegalArgumentException if a name is blank or holds {@code '='}
   * @throws NullPointerException if {@code variables}, a name or a value is null
   * @throws IllegalStateException if already started
   */
  public Process environment(Map<String, String> variables) {
    requireNotStarted();
    settings.environment(variables);
    return this;
  }

  /**
   * Sets the child's working directory; see {@link Pool.Builder#workingDirectory(Path)}. Default:
   * this JVM's.
   *
   * @param directory an existing directory
   * @return this process
   * @throws IllegalArgumentException if {@code directory} is not an existing directory
   * @throws NullPointerException if {@code directory} is null
   * @throws IllegalStateException if already started
   */
  public Process workingDirectory(Path directory) {
    requireNotStarted();
    settings.workingDirectory(directory);
    return this;
  }

  /**
   * Sets whether the child starts with this JVM's system properties as they are at {@link
   * #start()}, except those the JVM sets itself; see {@link
   * Pool.Builder#inheritSystemProperties(boolean)}. Default {@code false}.
   *
   * @param inherit {@code true} to copy the properties
   * @return this process
   * @throws IllegalStateException if already started
   */
  public Process inheritSystemProperties(boolean inherit) {
    requireNotStarted();
    settings.inheritSystemProperties(inherit);
    return this;
  }

  /**
   * Starts the child JVM: Python's {@code start()}. Returns once the child JVM exists, without
   * waiting for it to run anything.
   *
   * @return this process
   * @throws IllegalStateException if already started (Python's {@code "cannot start a process
   *     twice"}), or no pool implementation, transport or serializer is on the classpath (the
   *     message names the artifact to add), or the child's classpath lacks the pool's worker,
   *     transport or serializer classes (the message says what was found and tells to set {@link
   *     #classpath}); no JVM is started then
   * @throws IllegalArgumentException if a transport was named that is not found
   * @throws SerializationException if this process (its target, or a subclass's fields) cannot be
   *     serialized
   * @throws java.io.UncheckedIOException if the child JVM cannot be started, for example when the
   *     system has no process slots left (Python raises {@code OSError})
   */
  public Process start() {
    synchronized (this) {
      if (running != null) {
        throw new IllegalStateException(
            "cannot start a process twice: process " + name + " has already been started");
      }
      Pool.Builder builder = settings.name(name);
      PoolSpec spec = builder.spec();
      running = builder.factory().startProcess(spec, this, daemon);
    }
    return this;
  }

  /**
   * Waits for the child to exit: Python's {@code join()}.
   *
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if not started (Python's {@code "can only join a started
   *     process"})
   */
  public void join() throws InterruptedException {
    joinable().join(null);
  }

  /**
   * Waits at most {@code timeout} for the child to exit: Python's {@code join(timeout)}.
   *
   * @param timeout how long to wait at most; zero or negative does not wait
   * @return {@code true} if the child has exited
   * @throws InterruptedException if interrupted while waiting
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalStateException if not started
   */
  public boolean join(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    return joinable().join(timeout.isNegative() ? Duration.ZERO : timeout);
  }

  /**
   * Returns whether the child is running: Python's {@code is_alive()}. Never blocks.
   *
   * @return {@code true} after {@link #start()} until the child JVM exits
   */
  public boolean isAlive() {
    RunningProcess process = running;
    return process != null && process.isAlive();
  }

  /**
   * Returns the child's process id: Python's {@code pid}. Never blocks.
   *
   * @return the pid
   * @throws IllegalStateException if not started
   */
  public long pid() {
    return started().pid();
  }

  /**
   * Returns the child's exit code in Python's terms: 0 if {@code run} returned, 1 if it threw,
   * {@code n} if it called {@code System.exit(n)}, {@code -N} if signal {@code N} killed it (-15
   * after {@link #terminate()}, -9 after {@link #kill()}). Never blocks.
   *
   * @return the exit code, or empty if not started or still running
   */
  public OptionalInt exitCode() {
    RunningProcess process = running;
    Integer code = process == null ? null : process.exitCode();
    return code == null ? OptionalInt.empty() : OptionalInt.of(code);
  }

  /**
   * Returns what {@code run} threw in the child, rebuilt in this JVM with its type, message and
   * remote stack trace (Python only prints it). Never blocks.
   *
   * @return the failure, or empty if there was none or the child has not exited
   */
  public Optional<Throwable> failure() {
    RunningProcess process = running;
    return Optional.ofNullable(process == null ? null : process.failure());
  }

  /**
   * Asks the child to stop at once (SIGTERM): Python's {@code terminate()}. Returns without
   * waiting; {@link #join()} waits for the exit. Does nothing if the child has exited.
   *
   * @throws IllegalStateException if not started
   */
  public void terminate() {
    started().terminate();
  }

  /**
   * Kills the child (SIGKILL): Python's {@code kill()}. Returns without waiting. Does nothing if
   * the child has exited.
   *
   * @throws IllegalStateException if not started
   */
  public void kill() {
    started().kill();
  }

  @Override
  public String toString() {
    RunningProcess process = running;
    String state =
        process == null
            ? "initial"
            : process.isAlive() ? "started" : "stopped exitcode=" + process.exitCode();
    return "<Process name='" + name + "' " + state + (daemon ? " daemon" : "") + ">";
  }

  private RunningProcess started() {
    RunningProcess process = running;
    if (process == null) {
      throw new IllegalStateException("process " + name + " has not been started: call start()");
    }
    return process;
  }

  private RunningProcess joinable() {
    RunningProcess process = running;
    if (process == null) {
      throw new IllegalStateException(
          "can only join a started process: call start() before join() on process " + name);
    }
    return process;
  }

  private void requireNotStarted() {
    if (running != null) {
      throw new IllegalStateException(
          "process " + name + " has already been started: configure it before start()");
    }
  }
}
