package org.multiprocessing4j.transport.socket;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector, installed with {@code -Dio.netty.customResourceLeakDetector}, that also
 * remembers every leak it reports so that {@link NoLeaksExtension} can fail the tests.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
    super(resourceType, samplingInterval);
  }

  /** The constructor Netty tries first; without it, it logs an error before using the other. */
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
    this(resourceType, samplingInterval);
  }

  static List<String> takeLeaks() {
    List<String> leaks = List.copyOf(LEAKS);
    LEAKS.clear();
    return leaks;
  }

  static boolean isInstalled() {
    return RecordingLeakDetector.class
        .getName()
        .equals(System.getProperty("io.netty.customResourceLeakDetector"));
  }

  @Override
  protected void reportTracedLeak(String resourceType, String records) {
    LEAKS.add(resourceType + records);
    super.reportTracedLeak(resourceType, records);
  }

  @Override
  protected void reportUntracedLeak(String resourceType) {
    LEAKS.add(resourceType);
    super.reportUntracedLeak(resourceType);
  }
}
