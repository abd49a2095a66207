package org.multiprocessing4j.core.internal.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.WorkerOutput;
import org.multiprocessing4j.spi.WorkerProcess;

/**
 * A started worker JVM: its process, and a thread that forwards its stderr line by line, keeping
 * the last lines to explain a worker that dies before it is ready.
 */
public final class LaunchedWorker implements WorkerProcess {
  private static final int TAIL_LINES = 20;

  private final String name;
  private final Process process;
  private final WorkerOutput output;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private final Thread stderrForwarder;

  LaunchedWorker(String name, Process process, WorkerOutput output) {
    this.name = name;
    this.process = process;
    this.output = output;
    this.stderrForwarder = forward(process.getErrorStream(), "stderr");
  }

  /** Forwards stdout too, for transports that carry frames elsewhere. */
  public void forwardStdout() {
    forward(process.getInputStream(), "stdout");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public OutputStream stdin() {
    return process.getOutputStream();
  }

  @Override
  public InputStream stdout() {
    return process.getInputStream();
  }

  @Override
  public CompletableFuture<Integer> onExit() {
    return process.onExit().thenApply(Process::exitValue);
  }

  public Process process() {
    return process;
  }

  public String origin() {
    return name + " (pid " + process.pid() + ")";
  }

  /**
   * The last lines of a worker that failed, once it has exited and its stderr is read to the end,
   * or after {@code millis} at most: a JVM that rejects its options dies before its words are read.
   */
  public String lastOutputAfterExit(long millis) {
    try {
      if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
        stderrForwarder.join(millis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return lastOutput();
  }

  /**
   * Waits, up to {@code millis}, until everything the exited worker wrote has been forwarded, so
   * that its last lines are out before anyone hears it is gone.
   */
  public void awaitOutput(long millis) {
    try {
      stderrForwarder.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines the worker wrote, oldest first, for error messages. */
  public String lastOutput() {
    synchronized (tail) {
      return tail.isEmpty() ? "(nothing)" : String.join(System.lineSeparator(), tail);
    }
  }

  private Thread forward(InputStream stream, String which) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                      tail.poll();
                    }
                    tail.add(line);
                  }
                  try {
                    output.line(name, process.pid(), line);
                  } catch (RuntimeException e) {
                    // A failing output handler must not stop the draining, or the worker blocks.
                  }
                }
              } catch (IOException | RuntimeException e) {
                // The stream closes when the worker dies; nothing is left to forward.
              }
            },
            name + "-" + which);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
