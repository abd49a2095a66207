package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parent JVM is the user's, and we do not control its command line: the JDK types and lambdas
 * must round-trip with no {@code --add-opens} at all. Surefire's JVM opens {@code
 * java.lang.invoke}, so the check runs in a child JVM started without it.
 */
class NoOpensJvmTest {

  @Test
  void jdkTypesAndLambdasRoundTripWithoutAnyOpensAndTheFingerprintMatches(@TempDir Path temp)
      throws Exception {
    Path stdout = temp.resolve("stdout");
    Path stderr = temp.resolve("stderr");
    Path fingerprint = temp.resolve("fingerprint");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                NoOpensCheck.class.getName(),
                fingerprint.toString())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process child = builder.start();

    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
    String errors = read(stderr);
    assertEquals(0, child.exitValue(), () -> "failures in the child JVM:\n" + errors);
    assertEquals("", read(stdout), "Kryo's warnings (no java.lang.invoke) must not reach stdout");
    assertEquals(
        Serializers.fromProvider().fingerprint(),
        read(fingerprint),
        "another JVM, with other opens, must compute the same fingerprint");
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
