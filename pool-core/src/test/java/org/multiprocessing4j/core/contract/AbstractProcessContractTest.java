package org.multiprocessing4j.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.Process;
import org.multiprocessing4j.SerializableRunnable;
import org.multiprocessing4j.SerializationException;

/**
 * What {@link Process} promises, against real child JVMs, on every transport: a transport's test
 * subclasses it and says how to choose the transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractProcessContractTest {

  /** Chooses the transport under test, for example {@code process.transport("pipe")}. */
  protected abstract Process configure(Process process);

  /** The transport's name, as its provider reports it. */
  protected abstract String transportName();

  private Process process(SerializableRunnable target) {
    return configure(new Process(target));
  }

  @AfterAll
  void noChildLeftBehind() throws Exception {
    ChildProcesses.assertNoneLeft();
  }

  @Test
  void aChildThatReturnsExitsWithZeroUnderItsOwnNameAndOptions(@TempDir Path dir) throws Exception {
    String report = dir.resolve("report").toString();
    List<String> lines = new CopyOnWriteArrayList<>();
    Process p =
        process(() -> ProcessTargets.report(report))
            .name("reporter")
            .jvmOptions("-Dmp4j.test.flag=on")
            .workerOutput((worker, pid, line) -> lines.add(worker + " " + pid + " " + line));
    assertFalse(p.isAlive());
    assertEquals(OptionalInt.empty(), p.exitCode());
    assertTrue(p.toString().contains("initial"), p.toString());

    assertSame(p, p.start());
    // A JVM takes far longer to start than this line.
    assertTrue(p.isAlive());
    assertNotEquals(CurrentProcess.pid(), p.pid());
    p.join();

    assertFalse(p.isAlive());
    assertEquals(OptionalInt.of(0), p.exitCode());
    assertTrue(p.failure().isEmpty());
    assertEquals("reporter " + p.pid() + " on", Files.readString(Path.of(report)));
    assertEquals("<Process name='reporter' stopped exitcode=0>", p.toString());
    String hello = "reporter " + p.pid() + " hello from reporter";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!lines.contains(hello) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(lines.contains(hello), lines.toString());
  }

  /** Python's second way: a subclass that overrides run, with fields set before start. */
  static final class Greeter extends Process {
    private static final long serialVersionUID = 1L;
    private final String path;
    String greeting;

    Greeter(String path) {
      this.path = path;
    }

    @Override
    public void run() throws Exception {
      Files.writeString(Path.of(path), greeting + " from " + CurrentProcess.name());
    }
  }

  @Test
  void aSubclassRunsWithTheFieldsItHadAtStart(@TempDir Path dir) throws Exception {
    Path greeting = dir.resolve("greeting");
    Greeter greeter = new Greeter(greeting.toString());
    greeter.greeting = "hi";
    configure(greeter).name("greeter").start();
    greeter.greeting = "changed after start";
    greeter.join();
    assertEquals(OptionalInt.of(0), greeter.exitCode());
    assertEquals("hi from greeter", Files.readString(greeting));
  }

  @Test
  void aChildWhoseRunThrowsExitsWithOneAndItsFailureIsRebuiltAndLogged() throws Exception {
    Process p = process(ProcessTargets::failOnPurpose);
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      p.start().join();
    } finally {
      System.setErr(stderr);
    }
    assertEquals(OptionalInt.of(1), p.exitCode());
    IllegalArgumentException failure =
        assertInstanceOf(IllegalArgumentException.class, p.failure().orElseThrow());
    assertEquals("failing on purpose in " + p.name(), failure.getMessage());
    assertTrue(
        Arrays.stream(failure.getStackTrace())
            .anyMatch(frame -> frame.getMethodName().equals("failOnPurpose")),
        "remote frame missing: " + Arrays.toString(failure.getStackTrace()));
    String log = logged.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("WARN"), log);
    assertTrue(log.contains("Process " + p.name() + " (pid " + p.pid() + ")"), log);
    assertTrue(log.contains("ProcessTargets.failOnPurpose"), log);
  }

  @Test
  void aChildThatCallsSystemExitEndsWithThatCode() throws Exception {
    Process p = process(() -> System.exit(3)).start();
    p.join();
    assertEquals(OptionalInt.of(3), p.exitCode());
    assertTrue(p.failure().isEmpty());
  }

  @Test
  void terminateKillAndAnOutsideKillEndWithMinusTheSignal(@TempDir Path dir) throws Exception {
    Process terminated = sleeper(dir, "terminated");
    Process killed = sleeper(dir, "killed");
    Process killedOutside = sleeper(dir, "killed-outside");
    for (String marker : List.of("terminated", "killed", "killed-outside")) {
      ProcessTargets.awaitFile(dir.resolve(marker));
    }
    assertFalse(terminated.join(Duration.ofMillis(100)));
    assertFalse(terminated.join(Duration.ofMillis(-1)));
    assertTrue(terminated.isAlive());
    assertEquals(OptionalInt.empty(), terminated.exitCode());

    long started = System.nanoTime();
    terminated.terminate();
    killed.kill();
    ProcessHandle.of(killedOutside.pid()).orElseThrow().destroyForcibly();
    for (Process p : List.of(terminated, killed, killedOutside)) {
      assertTrue(p.join(Duration.ofSeconds(10)), p + " is still running");
      assertFalse(p.isAlive());
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(millis < 5_000, "stopping took " + millis + " ms");
    assertEquals(OptionalInt.of(-15), terminated.exitCode());
    assertEquals(OptionalInt.of(-9), killed.exitCode());
    assertEquals(OptionalInt.of(-9), killedOutside.exitCode());
    for (Process p : List.of(terminated, killed, killedOutside)) {
      assertTrue(p.failure().isEmpty(), p.failure().toString());
    }
    terminated.terminate();
    killed.kill();
    assertTrue(terminated.join(Duration.ZERO));
    assertEquals(OptionalInt.of(-15), terminated.exitCode());
  }

  private Process sleeper(Path dir, String name) {
    String marker = dir.resolve(name).toString();
    return process(() -> ProcessTargets.markThenSleep(marker)).name(name).start();
  }

  @Test
  void usingAProcessOutOfOrderFailsAsInPython() throws Exception {
    Process p = process(() -> {}).name("out-of-order");
    for (Executable call : List.<Executable>of(p::join, () -> p.join(Duration.ofSeconds(1)))) {
      IllegalStateException failure = assertThrows(IllegalStateException.class, call);
      assertTrue(
          failure.getMessage().contains("can only join a started process"), failure.getMessage());
    }
    for (Executable call : List.<Executable>of(p::pid, p::terminate, p::kill)) {
      IllegalStateException failure = assertThrows(IllegalStateException.class, call);
      assertTrue(
          failure.getMessage().contains("out-of-order has not been started"), failure.getMessage());
    }
    assertTrue(p.failure().isEmpty());

    p.start();
    IllegalStateException twice = assertThrows(IllegalStateException.class, p::start);
    assertTrue(twice.getMessage().contains("cannot start a process twice"), twice.getMessage());
    for (Executable call :
        List.<Executable>of(
            () -> p.name("renamed"),
            () -> p.daemon(true),
            () -> p.jvmOptions("-Xmx64m"),
            () -> p.transport("pipe"),
            () -> p.workerOutput((worker, pid, line) -> {}))) {
      IllegalStateException failure = assertThrows(IllegalStateException.class, call);
      assertTrue(
          failure.getMessage().contains("out-of-order has already been started"),
          failure.getMessage());
    }
    p.join();
    assertEquals(OptionalInt.of(0), p.exitCode());
    assertEquals("out-of-order", p.name());
    assertFalse(p.isDaemon());
  }

  @Test
  void aTargetThatCannotBeSerializedFailsStartAndStartsNothing() {
    Thread notSendable = new Thread(() -> {});
    Process p = process(() -> System.out.println(notSendable.getName())).name("unsendable");
    SerializationException failure = assertThrows(SerializationException.class, p::start);
    assertTrue(failure.getMessage().contains("process unsendable"), failure.getMessage());
    assertTrue(failure.getMessage().contains("java.lang.Thread"), failure.getMessage());
    assertFalse(p.isAlive());
    assertThrows(IllegalStateException.class, p::pid);
    assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count());
  }

  @Test
  void aChildThatCannotStartEndsWithAFailureThatSaysWhy() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Process p =
        process(() -> {})
            .jvmOptions("-XX:+NoSuchJvmOption")
            .workerOutput((worker, pid, line) -> lines.add(line))
            .start();
    assertTrue(p.join(Duration.ofSeconds(30)), "a child that cannot start must not hang join");
    assertEquals(OptionalInt.of(1), p.exitCode());
    Throwable failure = p.failure().orElseThrow();
    assertTrue(failure.getMessage().contains("NoSuchJvmOption"), failure.getMessage());
    assertTrue(failure.getMessage().contains(p.name()), failure.getMessage());
    assertEquals(
        1,
        lines.stream().filter(line -> line.contains("NoSuchJvmOption")).count(),
        "a process's child is started once, never again: " + lines);
  }

  @Test
  void aNonDaemonChildKeepsItsParentAliveAndADaemonDiesWithIt(@TempDir Path dir) throws Exception {
    java.lang.Process parent = startParent(dir, "exit");
    try {
      List<Long> children = childrenOf(parent, dir);
      assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "the parent did not exit");
      assertEquals(0, parent.exitValue());
      assertTrue(
          Files.exists(dir.resolve("done")), "the parent exited before its non-daemon child ended");
      assertAllGone(children);
    } finally {
      parent.destroyForcibly();
    }
  }

  @Test
  void aChildDiesWhenItsParentIsKilled(@TempDir Path dir) throws Exception {
    java.lang.Process parent = startParent(dir, "wait");
    try {
      List<Long> children = childrenOf(parent, dir);
      parent.destroyForcibly();
      parent.waitFor();
      assertAllGone(children);
    } finally {
      parent.destroyForcibly();
    }
  }

  private java.lang.Process startParent(Path dir, String mode) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            ParentOfProcesses.class.getName(),
            transportName(),
            dir.toString(),
            mode)
        .redirectError(dir.resolve("parent-stderr").toFile())
        .start();
  }

  /** The pids of the children the parent reports once they run. */
  private static List<Long> childrenOf(java.lang.Process parent, Path dir) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("CHILDREN ")) {
      // Skip anything else the parent prints.
    }
    assertTrue(
        line != null,
        "the parent exited before reporting its children: "
            + Files.readString(dir.resolve("parent-stderr")));
    return Arrays.stream(line.substring("CHILDREN ".length()).split(" "))
        .map(Long::valueOf)
        .toList();
  }

  private static void assertAllGone(List<Long> children) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (long child : children) {
      while (isAlive(child) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertFalse(isAlive(child), "child " + child + " outlived its parent");
    }
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
