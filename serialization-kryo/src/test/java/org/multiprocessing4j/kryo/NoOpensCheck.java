package org.multiprocessing4j.kryo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.multiprocessing4j.spi.Serializer;

/**
 * Runs the {@link JdkSample} round trips and reports failures on stderr and in the exit code, and
 * writes the serializer's fingerprint to the file named by the first argument. Run by {@link
 * NoOpensJvmTest} in a JVM started without any {@code --add-opens}.
 */
final class NoOpensCheck {
  private NoOpensCheck() {}

  public static void main(String[] args) throws IOException {
    List<String> problems = new ArrayList<>();
    if (Object.class.getModule().isOpen("java.lang.invoke", NoOpensCheck.class.getModule())) {
      problems.add("java.lang.invoke is open to this JVM's classpath; the check proves nothing");
    }
    Serializer serializer = Serializers.fromProvider();
    Files.writeString(Path.of(args[0]), serializer.fingerprint(), StandardCharsets.UTF_8);
    for (JdkSample sample : JdkSample.all()) {
      String problem = sample.problemAfterRoundTrip(serializer);
      if (problem != null) {
        problems.add(problem);
      }
    }
    problems.forEach(System.err::println);
    System.exit(problems.isEmpty() ? 0 : 1);
  }
}
