package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multiprocessing4j.spi.Serializer;

/**
 * JDK types whose internals Java 17 closes to Kryo. This JVM only opens {@code java.lang.invoke};
 * {@link NoOpensJvmTest} runs the same samples with no opens at all.
 */
class JdkTypesTest {
  private static final Serializer SERIALIZER = Serializers.fromProvider();

  static List<JdkSample> samples() {
    return JdkSample.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void roundTripKeepsClassAndContents(JdkSample sample) {
    assertNull(sample.problemAfterRoundTrip(SERIALIZER));
  }
}
