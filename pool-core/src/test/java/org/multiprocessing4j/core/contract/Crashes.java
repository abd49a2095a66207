package org.multiprocessing4j.core.contract;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Ways for a task to take its worker down, or nearly; static so that references serialize. */
public final class Crashes {
  private Crashes() {}

  static int halt(int status) {
    Runtime.getRuntime().halt(status);
    return -1;
  }

  static int killSelf(String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(ProcessHandle.current().pid()))
        .start()
        .waitFor();
    Thread.sleep(60_000);
    return -1;
  }

  static int segfault(int ignored) throws Exception {
    Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
    field.setAccessible(true);
    Object unsafe = field.get(null);
    unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 0L);
    return -1;
  }

  static int exhaustHeap(int ignored) {
    List<long[]> hog = new ArrayList<>();
    while (true) {
      hog.add(new long[1 << 20]);
    }
  }

  static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  /** Halts the worker the first time, returns {@code value} once retried. */
  static int haltOnce(String marker, int value) throws Exception {
    Path path = Path.of(marker);
    if (!Files.exists(path)) {
      Files.createFile(path);
      Runtime.getRuntime().halt(9);
    }
    return value;
  }
}
