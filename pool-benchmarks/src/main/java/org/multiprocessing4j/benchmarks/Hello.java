package org.multiprocessing4j.benchmarks;

/** The JVM floor: a main that does nothing, started with the workers' classpath. */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    // Nothing: the time to start and exit a JVM with this classpath is the floor of a worker start.
  }
}
