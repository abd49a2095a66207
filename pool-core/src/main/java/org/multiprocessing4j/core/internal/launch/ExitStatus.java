package org.multiprocessing4j.core.internal.launch;

/**
 * Explains a worker's exit code in plain words. On Linux a process killed by signal n reports exit
 * code 128 + n.
 *
 * @param exitCode the exit code, or {@code null} if the process had to be killed after its channel
 *     closed
 * @param pid the worker's pid, to name its crash report
 */
public record ExitStatus(Integer exitCode, long pid) {

  /** The signal's name if the code says the process was killed by one, else {@code null}. */
  public String signal() {
    if (!killedBySignal()) {
      return null;
    }
    return switch (exitCode - 128) {
      case 1 -> "SIGHUP";
      case 2 -> "SIGINT";
      case 3 -> "SIGQUIT";
      case 4 -> "SIGILL";
      case 6 -> "SIGABRT";
      case 7 -> "SIGBUS";
      case 8 -> "SIGFPE";
      case 9 -> "SIGKILL";
      case 11 -> "SIGSEGV";
      case 13 -> "SIGPIPE";
      case 15 -> "SIGTERM";
      default -> "signal " + (exitCode - 128);
    };
  }

  /**
   * Python's exit code, for a known one: {@code -n} if signal {@code n} killed the process, else
   * the code itself.
   */
  public int pythonExitCode() {
    return killedBySignal() ? 128 - exitCode : exitCode;
  }

  private boolean killedBySignal() {
    return exitCode != null && exitCode > 128 && exitCode <= 128 + 64;
  }

  /** For example "killed by SIGKILL (exit code 137), often the kernel's OOM killer". */
  public String describe() {
    if (exitCode == null) {
      return "still running after its channel closed, so it was killed";
    }
    String signal = signal();
    if (signal == null) {
      return exitCode == 0
          ? "exited normally (exit code 0) in the middle of its work: did a task call System.exit(0)?"
          : "exited with code "
              + exitCode
              + ": a task called System.exit or Runtime.halt, or the JVM failed";
    }
    String hint =
        switch (signal) {
          case "SIGKILL" -> ", often the kernel's OOM killer (see dmesg) or a kill -9";
          case "SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT" ->
              ": the JVM crashed, usually from a fault in native code (SIGSEGV);"
                  + " its crash report is "
                  + WorkerLauncher.errorFile(pid);
          case "SIGTERM" -> ": someone asked it to stop (kill or a shutdown)";
          default -> "";
        };
    return "killed by " + signal + " (exit code " + exitCode + ")" + hint;
  }
}
