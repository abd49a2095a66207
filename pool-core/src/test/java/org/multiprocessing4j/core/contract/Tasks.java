package org.multiprocessing4j.core.contract;

import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.CurrentProcess;

/** Task bodies for the contract tests; static so that method references to them serialize. */
public final class Tasks {
  /** Counts initializer runs in this JVM; each worker JVM has its own. */
  static final AtomicInteger INITIALIZED = new AtomicInteger();

  private Tasks() {}

  static int square(int x) {
    return x * x;
  }

  static long pid() {
    return CurrentProcess.pid();
  }

  static String initializedInfo() {
    return CurrentProcess.pid() + ":" + INITIALIZED.get();
  }

  static void initialize() {
    INITIALIZED.incrementAndGet();
  }

  static byte[] invert(byte[] bytes) {
    byte[] inverted = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      inverted[i] = (byte) ~bytes[i];
    }
    return inverted;
  }

  static int sleepThenReturn(int millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }

  static int failOnOdd(int x) {
    if (x % 2 == 1) {
      throw new IllegalArgumentException("odd input " + x);
    }
    return x;
  }

  /** An exception that has no (String) constructor and a field no serializer should touch. */
  public static final class Unrebuildable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Thread holder = Thread.currentThread();

    public Unrebuildable(int code) {
      super("code " + code);
    }
  }

  static int throwUnrebuildable(int code) {
    throw new Unrebuildable(code);
  }
}
