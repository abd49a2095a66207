package org.multiprocessing4j.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In jshell, the pool's jars are added to the execution agent's own class loader, not to its {@code
 * java.class.path}: workers still start from them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JShellTest {

  @Test
  void aPoolStartedInJshellMapsInWorkers() {
    try (JShell shell = JShell.create()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        shell.addToClasspath(entry);
      }
      eval(shell, "import org.multiprocessing4j.*;");
      eval(
          shell,
          "var pool = Pool.builder().processes(1).transport(\"plain-socket\")"
              + ".classDataSharing(false).build();");
      String result =
          eval(
              shell,
              "pool.map(new org.multiprocessing4j.core.embed.Doubler(), java.util.List.of(1, 2,"
                  + " 3))");
      eval(shell, "pool.close();");

      assertEquals("[2, 4, 6]", result);
    }
  }

  private static String eval(JShell shell, String code) {
    List<SnippetEvent> events = shell.eval(code);
    for (SnippetEvent event : events) {
      assertTrue(
          event.exception() == null,
          () -> code + " threw " + event.exception() + ": " + event.exception().getMessage());
      assertTrue(
          event.status() == Snippet.Status.VALID,
          () ->
              code + " is " + event.status() + ": " + shell.diagnostics(event.snippet()).toList());
    }
    return events.get(events.size() - 1).value();
  }
}
