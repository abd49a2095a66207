package org.multiprocessing4j.transport.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaked a Netty buffer. Leaked buffers are only noticed once collected and
 * once a later allocation looks for them, so this collects garbage and allocates.
 */
public final class NoLeaksExtension implements AfterAllCallback {
  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    if (!RecordingLeakDetector.isInstalled()) {
      return;
    }
    for (int round = 0; round < 3; round++) {
      System.gc();
      Thread.sleep(20);
      for (int i = 0; i < 100; i++) {
        ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(16);
        probe.release();
      }
    }
    List<String> leaks = RecordingLeakDetector.takeLeaks();
    assertEquals(List.of(), leaks, "Netty buffers leaked in " + context.getDisplayName());
  }
}
