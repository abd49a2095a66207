package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Fails a test class that printed anything to {@code System.out}: in a worker JVM, stdout may carry
 * frames. Applied to every test class through JUnit's extension auto-detection.
 */
public class StdoutGuard implements BeforeAllCallback, AfterAllCallback {
  private static final Namespace NAMESPACE = Namespace.create(StdoutGuard.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    context.getStore(NAMESPACE).put("original", System.out);
    context.getStore(NAMESPACE).put("printed", printed);
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.setOut(context.getStore(NAMESPACE).get("original", PrintStream.class));
    ByteArrayOutputStream printed =
        context.getStore(NAMESPACE).get("printed", ByteArrayOutputStream.class);
    assertEquals("", printed.toString(StandardCharsets.UTF_8), "printed to System.out");
  }
}
