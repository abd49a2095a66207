package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.spi.Serializer;

class FingerprintTest {

  @Test
  void fingerprintIsStableAcrossInstancesAndClassLoaders() {
    String first = Serializers.fromProvider().fingerprint();
    String second = Serializers.fromProvider().fingerprint();
    String otherLoader =
        Serializers.withLoader(new URLClassLoader(new URL[0], getClass().getClassLoader()))
            .fingerprint();

    assertEquals(first, second);
    assertEquals(first, otherLoader);
    assertTrue(first.matches("kryo5-5\\.6\\.2/[0-9a-f]{16}"), first);
  }

  @Test
  void bufferKindIsPartOfTheFingerprint() {
    ClassLoader loader = getClass().getClassLoader();

    assertNotEquals(
        new KryoFactory(loader, BufferKind.SAFE).newSerializer().fingerprint(),
        new KryoFactory(loader, BufferKind.UNSAFE).newSerializer().fingerprint());
  }

  @Test
  void safeBuffersRoundTripToo() {
    Serializer safe = new KryoFactory(getClass().getClassLoader(), BufferKind.SAFE).newSerializer();
    double[] numbers = {1.5, -2, Double.MAX_VALUE};

    assertEquals(List.of("a", 1), Serializers.roundTrip(safe, List.of("a", 1)));
    assertArrayEquals(numbers, Serializers.roundTrip(safe, numbers));
  }
}
