package org.multiprocessing4j.core.contract;

import java.nio.file.Path;
import org.multiprocessing4j.Process;

/**
 * A parent JVM for the process tests. Arguments: the transport, a directory for the children's
 * files, and what to do:
 *
 * <ul>
 *   <li>{@code exit}: starts a daemon child that sleeps and a non-daemon child that writes {@code
 *       done} after a second, prints {@code CHILDREN <daemon pid> <non-daemon pid>} once the daemon
 *       runs, and returns from {@code main};
 *   <li>{@code wait}: starts a non-daemon child that sleeps, prints {@code CHILDREN <pid>} once it
 *       runs, and waits to be killed.
 * </ul>
 */
public final class ParentOfProcesses {
  private ParentOfProcesses() {}

  public static void main(String[] args) throws Exception {
    String transport = args[0];
    Path directory = Path.of(args[1]);
    String sleeping = directory.resolve("sleeping").toString();
    Process sleeper =
        new Process(() -> ProcessTargets.markThenSleep(sleeping))
            .transport(transport)
            .daemon(args[2].equals("exit"))
            .start();
    String pids = "CHILDREN " + sleeper.pid();
    if (args[2].equals("exit")) {
      String done = directory.resolve("done").toString();
      Process finisher =
          new Process(() -> ProcessTargets.sleepThenWrite(done, 1_000))
              .transport(transport)
              .start();
      pids += " " + finisher.pid();
    }
    ProcessTargets.awaitFile(Path.of(sleeping));
    System.out.println(pids);
    System.out.flush();
    if (args[2].equals("wait")) {
      Thread.sleep(600_000);
    }
  }
}
