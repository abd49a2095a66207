package org.multiprocessing4j.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the examples by name: {@code list} prints each one's name and what it shows, {@code run NAME
 * [NAME...]} runs them. A name starts with the seed document it reproduces ({@code s000-} … {@code
 * s004-}) and the example prints what that document's Python prints, process ids and timings aside.
 * What tasks print in worker JVMs reaches this JVM's stderr through the log, prefixed with the
 * worker's name and pid.
 *
 * <pre>
 * java -cp ... org.multiprocessing4j.examples.Examples list
 * java -cp ... org.multiprocessing4j.examples.Examples run s002-initializer
 * </pre>
 */
public final class Examples {
  private Examples() {}

  /** An example's code; it may throw whatever the calls it shows throw. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  /** One runnable example: its name, a line saying what it shows, and its code. */
  record Example(String name, String summary, Body body) {}

  static final List<Example> ALL =
      List.of(
          new Example(
              "s000-apply-async",
              "Pool.applyAsync ten tasks that print start and end, then shutdown() and join()",
              ApplyAsyncExamples::fireAndForget),
          new Example(
              "s000-apply-async-get",
              "AsyncResult.get() right after each applyAsync: the tasks run one at a time",
              ApplyAsyncExamples::getRightAway),
          new Example(
              "s000-apply-async-results",
              "every AsyncResult kept in a list, then each result got, in order",
              ApplyAsyncExamples::collectResults),
          new Example(
              "s000-free-worker",
              "Pool(3) and ten tasks of random length: each task takes whichever worker is free",
              ApplyAsyncExamples::freeWorkerTakesNextTask),
          new Example(
              "s000-manager-queue",
              "a Manager's queue shared by a writer task and a reader task of one pool",
              SharingExamples::managerQueueInPool),
          new Example(
              "s000-thread-join",
              "the join method: a thread's change to a field is seen after join()",
              ProcessExamples::threadJoin),
          new Example(
              "s001-process",
              "new Process(target): five child JVMs started together, then joined",
              ProcessExamples::fiveProcesses),
          new Example(
              "s001-process-subclass",
              "a subclass of Process whose run() the child JVM calls",
              ProcessExamples::fiveSubclassedProcesses),
          new Example(
              "s001-queue",
              "three processes put into a Manager's queue; the main process gets three",
              SharingExamples::queueBetweenProcesses),
          new Example(
              "s001-pipe",
              "a Pipe between the main process and a child, messages both ways",
              SharingExamples::pipeBothWays),
          new Example(
              "s001-manager-dict-list",
              "a Manager's dict and list changed by ten child processes",
              SharingExamples::managerDictAndList),
          new Example(
              "s001-pool",
              "Pool.applyAsync ten tasks of random length, then shutdown() and join()",
              ApplyAsyncExamples::runTasks),
          new Example(
              "s001-thumbnails",
              "the demo: 75x75 thumbnails of a few hundred JPEGs, serially and on a Pool",
              () -> Thumbnails.main(new String[0])),
          new Example(
              "s002-initializer",
              "an initializer that runs once in each worker, and Pool.map",
              () -> InitializerExamples.mapWithInitializer(0)),
          new Example(
              "s002-max-tasks-per-child",
              "maxTasksPerChild(2): workers retire and are replaced during one map",
              () -> InitializerExamples.mapWithInitializer(2)),
          new Example(
              "s002-apply-async-results",
              "ten applyAsync tasks that print three times each; their results after join()",
              ApplyAsyncExamples::helloResults),
          new Example(
              "s003-apply",
              "Pool.apply blocks: four calls, each waiting for the one before",
              CallbackExamples::applyOneAtATime),
          new Example(
              "s003-map",
              "Pool.map returns results in input order",
              CallbackExamples::mapKeepsOrder),
          new Example(
              "s003-apply-async-callback",
              "applyAsync with a callback, which runs in the main process",
              CallbackExamples::callbacks),
          new Example(
              "s004-lock",
              "ten processes print while holding a Manager's Lock",
              () -> ProcessExamples.lockedPrinting()),
          new Example(
              "s004-pool",
              "applyAsync.get(timeout), map, imap.next(timeout), and a get that times out",
              ImapExamples::getMapImapTimeout),
          new Example(
              "imap-infinite-input",
              "a lazy imap over an infinite input: only a bounded number of items are read",
              ImapExamples::imapOverInfiniteInput),
          new Example(
              "remote-exception",
              "a task's exception comes back from its worker with its type and remote stack",
              RemoteExceptionExamples::remoteException));

  private static final Map<String, Example> BY_NAME =
      ALL.stream()
          .collect(
              Collectors.toMap(
                  Example::name,
                  example -> example,
                  (a, b) -> {
                    throw new IllegalStateException("two examples named " + a.name());
                  },
                  LinkedHashMap::new));

  /**
   * {@code list}, or {@code run NAME [NAME...]}; exits with status 2 on a usage error. An example's
   * exception propagates, and the JVM exits with status 1.
   */
  public static void main(String[] args) throws Exception {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Does what {@link #main} does and returns the exit status instead of exiting.
   *
   * @return 0 when done, 2 on a usage error (nothing run)
   * @throws Exception whatever an example threw
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 1 && args[0].equals("list")) {
      int width = ALL.stream().mapToInt(e -> e.name().length()).max().orElse(0);
      for (Example example : ALL) {
        out.printf("%-" + width + "s  %s%n", example.name(), example.summary());
      }
      return 0;
    }
    if (args.length >= 2 && args[0].equals("run")) {
      List<String> names = Arrays.asList(args).subList(1, args.length);
      List<String> unknown = names.stream().filter(n -> !BY_NAME.containsKey(n)).toList();
      if (!unknown.isEmpty()) {
        err.println(
            "Unknown example "
                + String.join(", ", unknown)
                + ". The examples are: "
                + String.join(", ", BY_NAME.keySet())
                + " (`list` says what each shows).");
        return 2;
      }
      for (String name : names) {
        BY_NAME.get(name).body().run();
      }
      return 0;
    }
    err.println(
        "Usage: Examples list | Examples run NAME [NAME...]. Got: "
            + (args.length == 0 ? "no arguments" : String.join(" ", args))
            + ".");
    return 2;
  }
}
