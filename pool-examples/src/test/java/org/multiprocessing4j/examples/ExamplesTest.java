package org.multiprocessing4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code Examples} as a user does, in a JVM of its own, and checks what each example prints
 * against what its seed's Python prints. The main process's lines must come in the seed's order;
 * the lines of workers and child processes (which reach the parent over their own pipes, so their
 * interleaving with the main process's lines is not fixed, in Python either) must all be there.
 * Process ids and timings are matched by pattern.
 */
class ExamplesTest {
  private static final String PID = "\\d+";
  private static final String SECONDS = "\\d+\\.\\d\\d";
  private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}: ";
  private static final String WORKER = "\\S+-worker-\\d+";
  private static final Pattern PROGRESS = Pattern.compile("(generating|serial|pool): +\\d+% .*");
  private static final Pattern CHILD_LINE = Pattern.compile("INFO \\[(\\S+) pid (\\d+)\\] (.*)");

  /** The demo has a test of its own, with fewer images. */
  private static final Set<String> TESTED_ELSEWHERE = Set.of("s001-thumbnails");

  private static final Map<String, Spec> EXPECTED = new LinkedHashMap<>();

  static {
    Spec startEnd = spec();
    for (int i = 1; i <= 10; i++) {
      startEnd.child(i + "----->start").child(i + "------>end");
    }
    EXPECTED.put("s000-apply-async", startEnd);
    Spec squares = startEnd.copy();
    IntStream.rangeClosed(1, 10).forEach(i -> squares.main(String.valueOf(i * i)));
    EXPECTED.put("s000-apply-async-get", squares);
    EXPECTED.put("s000-apply-async-results", squares);

    Spec freeWorker = spec().main("----start----").main("-----end-----");
    for (int i = 0; i < 10; i++) {
      freeWorker
          .childMatching(i + " starts to execute, the process number is " + PID)
          .childMatching(i + " Completed, time-consuming " + SECONDS);
    }
    EXPECTED.put("s000-free-worker", freeWorker);

    Spec managerQueue =
        spec()
            .mainMatching("\\((" + PID + ")\\) start")
            .childMatching("writer starts \\(" + PID + "\\), parent process is \\(" + PID + "\\)")
            .childMatching("reader starts \\(" + PID + "\\), parent process is \\(" + PID + "\\)");
    for (char c : "helloworld".toCharArray()) {
      managerQueue.child("reader got the message from Queue: " + c);
    }
    managerQueue
        .mainMatching("\\(" + PID + "\\) End")
        .check(
            out -> {
              String main = out.main().get(0).replaceAll("\\D", "");
              out.children().stream()
                  .filter(line -> line.contains("parent process is"))
                  .forEach(line -> assertTrue(line.endsWith("(" + main + ")"), line));
            });
    EXPECTED.put("s000-manager-queue", managerQueue);
    EXPECTED.put("s000-thread-join", spec().main("2"));

    Spec fiveProcesses = spec();
    IntStream.range(0, 5).forEach(i -> fiveProcesses.child("test Python Multi process"));
    fiveProcesses.main("End test");
    EXPECTED.put("s001-process", fiveProcesses);
    EXPECTED.put("s001-process-subclass", fiveProcesses);

    Spec queue = spec().main("Main process acquisition Queue data");
    for (int i = 0; i < 3; i++) {
      queue
          .child("Subprocess " + i + " start put data")
          .mainMatching("I am [0-2] adopt Queue signal communication");
    }
    queue
        .main("End test")
        .check(
            out ->
                assertEquals(
                    Set.of("0", "1", "2"),
                    out.main().subList(1, 4).stream()
                        .map(line -> line.substring(5, 6))
                        .collect(Collectors.toSet())));
    EXPECTED.put("s001-queue", queue);

    EXPECTED.put(
        "s001-pipe",
        spec()
            .main("Main process accept message:")
            .child("Child process send message:")
            .child("Subprocess accept message:")
            .main("Hello, main process")
            .main("Message sent by main process:")
            .child("Hello sub process")
            .main("End test"));

    EXPECTED.put(
        "s001-manager-dict-list",
        spec()
            .mainMatching("\\{.*\\}")
            .mainMatching("\\[.*\\]")
            .check(
                out -> {
                  Set<String> entries =
                      new HashSet<>(Arrays.asList(unwrap(out.main().get(0)).split(", ")));
                  Set<String> expected = new HashSet<>();
                  IntStream.range(0, 10).forEach(i -> expected.add(i + ": 'a'"));
                  expected.add("'2': 'b'");
                  assertEquals(expected, entries);
                  List<String> list = Arrays.asList(unwrap(out.main().get(1)).split(", "));
                  assertEquals(List.of("0", "1", "2", "3", "4"), list.subList(0, 5));
                  assertEquals(
                      IntStream.range(0, 10).mapToObj(String::valueOf).collect(Collectors.toSet()),
                      Set.copyOf(list.subList(5, list.size())));
                  assertEquals(15, list.size(), list.toString());
                }));

    Spec pool = spec();
    for (int i = 0; i < 10; i++) {
      pool.childMatching("Run task " + i + " \\(" + PID + "\\)\\.\\.\\.")
          .childMatching("Task " + i + " runs " + SECONDS + " seconds\\.");
    }
    EXPECTED.put("s001-pool", pool.main("End test"));

    String inputs = "Inputs  : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
    String doubled = "[0, 2, 4, 6, 8, 10, 12, 14, 16, 18]";
    EXPECTED.put(
        "s002-initializer",
        spec()
            .main(inputs)
            .main("Build-In : " + doubled)
            .childrenMatching(2, 2, "Starting " + WORKER)
            .main("Pool  : " + doubled));
    // Ten items in chunks of two, at most two chunks per worker: at least three workers.
    EXPECTED.put(
        "s002-max-tasks-per-child",
        spec()
            .main(inputs)
            .main("Build-In : " + doubled)
            .childrenMatching(3, 10, "Starting " + WORKER)
            .main("Pool  : " + doubled));

    Spec hello = spec();
    for (int i = 0; i < 10; i++) {
      hello.child("hello " + i).child("hello " + i).child("hello " + i).main("done hello " + i);
    }
    EXPECTED.put("s002-apply-async-results", hello.main("Sub-process(es) done."));

    String calcStarted = TIME + "calc started in process " + WORKER + " with pid " + PID;
    Spec apply = spec().mainMatching(TIME + "main pid: " + PID);
    for (int i = 1; i <= 4; i++) {
      apply.childMatching(calcStarted).mainMatching(TIME + "result" + i + ": 10000000000");
    }
    EXPECTED.put("s003-apply", apply.main("End program"));
    EXPECTED.put(
        "s003-map",
        spec()
            .mainMatching(TIME + "main pid: " + PID)
            .childrenMatching(4, 4, calcStarted)
            .main("[1, 1024, 9765625, 10000000000]")
            .main("End program"));
    Spec callback = spec().mainMatching(TIME + "main pid: " + PID);
    for (int i = 1; i <= 4; i++) {
      callback
          .mainMatching(TIME + "result" + i + ": AsyncResult\\[.*\\]")
          .childMatching(calcStarted);
    }
    for (int i = 1; i <= 4; i++) {
      callback.mainMatching(TIME + "Callback result: (1|1024|59049|1048576), process pid: " + PID);
    }
    callback
        .main("End program")
        .check(
            out -> {
              String mainPid = out.main().get(0).replaceAll(".*main pid: ", "");
              List<String> callbacks = out.main().subList(5, 9);
              callbacks.forEach(line -> assertTrue(line.endsWith("process pid: " + mainPid), line));
              assertEquals(
                  Set.of("1", "1024", "59049", "1048576"),
                  callbacks.stream()
                      .map(line -> line.replaceAll(".*Callback result: (\\d+),.*", "$1"))
                      .collect(Collectors.toSet()));
            });
    EXPECTED.put("s003-apply-async-callback", callback);

    Spec lock = spec();
    IntStream.range(0, 10).forEach(i -> lock.child("hello world " + i));
    EXPECTED.put("s004-lock", lock);
    EXPECTED.put(
        "s004-pool",
        spec()
            .main("100")
            .main("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]")
            .main("0")
            .main("1")
            .main("4")
            .mainMatching("raises java\\.util\\.concurrent\\.TimeoutException: .*"));

    Spec infinite = spec();
    for (int i = 0; i < 4; i++) {
      infinite.mainMatching("imap over an infinite input: " + i + " ran in " + WORKER);
    }
    // README: imap reads at most 8 x processes chunks (of one item) ahead of what was consumed.
    EXPECTED.put(
        "imap-infinite-input",
        infinite
            .mainMatching("items read from the infinite input so far: \\d+")
            .check(
                out -> {
                  int read = Integer.parseInt(out.main().get(4).replaceAll("\\D", ""));
                  assertTrue(read >= 4 && read <= 4 + 8 * 2, "read " + read);
                }));
    EXPECTED.put(
        "remote-exception",
        spec()
            .main(
                "A task failed in a worker, and came back whole:"
                    + " java.lang.NumberFormatException: For input string: \"forty-two\"")
            .mainsMatching(1, Integer.MAX_VALUE, "\tat \\S+")
            .check(
                out ->
                    assertTrue(
                        out.main().stream()
                            .anyMatch(
                                line ->
                                    line.matches(
                                        "\tat org\\.multiprocessing4j\\.examples"
                                            + "\\.RemoteExceptionExamples\\.parse\\(.*\\)")),
                        "the task's own frame, from the worker: " + out.main())));
  }

  static Stream<String> exampleNames() {
    return Examples.ALL.stream().map(Examples.Example::name).filter(EXPECTED::containsKey);
  }

  @Test
  void everyExampleIsCheckedAndNamedAfterItsSeed() {
    Set<String> names =
        Examples.ALL.stream().map(Examples.Example::name).collect(Collectors.toSet());
    Set<String> checked = new HashSet<>(EXPECTED.keySet());
    checked.addAll(TESTED_ELSEWHERE);
    assertEquals(checked, names);
    for (int seed = 0; seed <= 4; seed++) {
      String prefix = String.format("s%03d-", seed);
      assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix)), "an example of " + prefix);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void listPrintsEveryNameWithALine() throws Exception {
    Run run = run(List.of("list"));
    assertEquals(0, run.status(), run.output());
    List<String> lines = run.output().lines().toList();
    assertEquals(Examples.ALL.size(), lines.size(), run.output());
    for (int i = 0; i < lines.size(); i++) {
      Examples.Example example = Examples.ALL.get(i);
      assertTrue(
          lines
              .get(i)
              .matches(Pattern.quote(example.name()) + " +" + Pattern.quote(example.summary())),
          lines.get(i));
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void anUnknownNameFailsNamingTheExamples() throws Exception {
    Run run = run(List.of("run", "s002-initialiser"));
    assertEquals(2, run.status(), run.output());
    assertTrue(run.output().contains("Unknown example s002-initialiser."), run.output());
    Examples.ALL.forEach(e -> assertTrue(run.output().contains(e.name()), e.name()));

    Run noArguments = run(List.of());
    assertEquals(2, noArguments.status(), noArguments.output());
    assertTrue(noArguments.output().startsWith("Usage: Examples list |"), noArguments.output());
  }

  @ParameterizedTest
  @MethodSource("exampleNames")
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void printsWhatTheSeedsPythonPrints(String name) throws Exception {
    Run run = run(List.of("run", name));
    assertEquals(0, run.status(), run.output());
    EXPECTED.get(name).verify(Output.of(run.output()));
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void thumbnailDemoMakesEveryThumbnailAndReusesItsImages(@TempDir Path dir) throws Exception {
    Path images = dir.resolve("images");
    List<String> args = List.of("--images", images.toString(), "--count", "12", "--processes", "2");
    Run first = runMain(Thumbnails.class, args);
    assertEquals(0, first.status(), first.output());
    List<String> lines = Output.of(first.output()).main();
    List<String> main = lines.stream().filter(line -> !PROGRESS.matcher(line).matches()).toList();
    assertTrue(main.get(0).startsWith("Generating 12 JPEGs of 1024x768 in "), first.output());
    assertTrue(
        main.get(1).startsWith("Thumbnail job (seed 001): 12 JPEGs of 1024x768"), main.get(1));
    String rate = " 12 images in " + SECONDS + " s = \\d+\\.\\d images/s";
    assertTrue(main.get(2).matches("serial, this JVM: +" + rate), main.get(2));
    assertTrue(
        main.get(3).matches("pool of 2 worker JVMs: +" + rate + " \\(timed from.*"), main.get(3));
    assertTrue(main.get(4).matches("speedup: \\d+\\.\\d\\dx"), main.get(4));
    for (String label : List.of("generating", "serial", "pool")) {
      assertEquals(
          10,
          lines.stream().filter(line -> line.startsWith(label + ": ")).count(),
          "a progress line per tenth: " + first.output());
    }
    for (int i = 0; i < 12; i++) {
      Path thumbnail = images.resolve("thumbs").resolve(String.format("image-%04d.jpeg", i));
      BufferedImage read = ImageIO.read(thumbnail.toFile());
      assertEquals(
          List.of(75, 56), List.of(read.getWidth(), read.getHeight()), thumbnail.toString());
    }

    Run second = runMain(Thumbnails.class, args);
    assertEquals(0, second.status(), second.output());
    assertFalse(second.output().contains("Generating"), second.output());
  }

  private static String unwrap(String line) {
    return line.substring(1, line.length() - 1);
  }

  // ---- running a JVM ----

  record Run(int status, String output) {}

  private static Run run(List<String> args) throws Exception {
    return runMain(Examples.class, args);
  }

  private static Run runMain(Class<?> main, List<String> args) throws Exception {
    Path log = Files.createTempFile("examples-", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    java.lang.Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(100, TimeUnit.SECONDS)) {
        fail(String.join(" ", args) + " did not finish; its output:\n" + read(log));
      }
      return new Run(process.exitValue(), read(log));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  // ---- what a run printed, and what it should have ----

  /** A run's lines: the main process's, and those of its workers and children (log lines). */
  record Output(List<String> main, List<String> children) {
    static Output of(String text) {
      List<String> main = new ArrayList<>();
      List<String> children = new ArrayList<>();
      for (String line : text.lines().toList()) {
        Matcher child = CHILD_LINE.matcher(line);
        if (child.matches()) {
          children.add(child.group(3));
        } else {
          main.add(line);
        }
      }
      return new Output(main, children);
    }
  }

  /** A pattern a number of lines must match: {@code min} to {@code max} of them. */
  record Expectation(Pattern pattern, int min, int max) {}

  static Spec spec() {
    return new Spec();
  }

  /** What an example prints: the main lines in order, the children's lines in any order. */
  static final class Spec {
    private final List<Expectation> main = new ArrayList<>();
    private final List<Expectation> children = new ArrayList<>();
    private final List<Consumer<Output>> checks = new ArrayList<>();

    Spec copy() {
      Spec copy = new Spec();
      copy.main.addAll(main);
      copy.children.addAll(children);
      copy.checks.addAll(checks);
      return copy;
    }

    Spec main(String line) {
      return mainsMatching(1, 1, Pattern.quote(line));
    }

    Spec mainMatching(String regex) {
      return mainsMatching(1, 1, regex);
    }

    Spec mainsMatching(int min, int max, String regex) {
      main.add(new Expectation(Pattern.compile(regex), min, max));
      return this;
    }

    Spec child(String line) {
      return childrenMatching(1, 1, Pattern.quote(line));
    }

    Spec childMatching(String regex) {
      return childrenMatching(1, 1, regex);
    }

    Spec childrenMatching(int min, int max, String regex) {
      children.add(new Expectation(Pattern.compile(regex), min, max));
      return this;
    }

    Spec check(Consumer<Output> check) {
      checks.add(check);
      return this;
    }

    void verify(Output out) {
      String all =
          "main lines:\n"
              + String.join("\n", out.main())
              + "\nchild lines:\n"
              + String.join("\n", out.children());
      int next = 0;
      for (Expectation expected : main) {
        int matched = 0;
        while (matched < expected.max()
            && next < out.main().size()
            && expected.pattern().matcher(out.main().get(next)).matches()) {
          matched++;
          next++;
        }
        assertTrue(
            matched >= expected.min(),
            "main line " + (next + 1) + " should match " + expected.pattern() + "\n" + all);
      }
      assertEquals(out.main().size(), next, "main lines left over\n" + all);

      Map<Expectation, Integer> counts = new HashMap<>();
      for (String line : out.children()) {
        Expectation taker =
            children.stream()
                .filter(e -> counts.getOrDefault(e, 0) < e.max())
                .filter(e -> e.pattern().matcher(line).matches())
                .findFirst()
                .orElseThrow(
                    () -> new AssertionError("unexpected child line: " + line + "\n" + all));
        counts.merge(taker, 1, Integer::sum);
      }
      for (Expectation expected : children) {
        assertTrue(
            counts.getOrDefault(expected, 0) >= expected.min(),
            "missing child line " + expected.pattern() + "\n" + all);
      }
      checks.forEach(check -> check.accept(out));
    }
  }
}
