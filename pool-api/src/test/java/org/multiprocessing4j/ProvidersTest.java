package org.multiprocessing4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.spi.Providers;
import org.multiprocessing4j.spi.SerializerProvider;
import org.multiprocessing4j.spi.TransportProvider;

/** This module has no implementation on its classpath: every lookup must say what to add. */
class ProvidersTest {
  private final ClassLoader empty = new URLClassLoader(new URL[0], null);

  @Test
  void buildingWithoutPoolCoreNamesTheArtifact() {
    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> Pool.builder().classLoader(empty).build());
    assertTrue(
        failure.getMessage().contains("org.multiprocessing4j:pool-core"), failure.getMessage());
  }

  @Test
  void missingTransportAndSerializerNameTheirArtifacts() {
    IllegalStateException transport =
        assertThrows(
            IllegalStateException.class,
            () ->
                Providers.best(
                    TransportProvider.class,
                    empty,
                    "transport",
                    "org.multiprocessing4j:transport-pipe"));
    assertTrue(transport.getMessage().contains("transport-pipe"), transport.getMessage());
    IllegalArgumentException named =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Providers.byName(
                    SerializerProvider.class,
                    "kryo",
                    empty,
                    "serializer",
                    "org.multiprocessing4j:serialization-kryo"));
    assertTrue(named.getMessage().contains("'kryo'"), named.getMessage());
    assertTrue(named.getMessage().contains("serialization-kryo"), named.getMessage());
  }

  @Test
  void builderRejectsBadValuesNamingTheArgument() {
    for (String argument :
        new String[] {"processes", "maxTasksPerChild", "retries", "maxWorkerDeaths"}) {
      IllegalArgumentException failure =
          assertThrows(
              IllegalArgumentException.class,
              () -> {
                switch (argument) {
                  case "processes" -> Pool.builder().processes(0);
                  case "maxTasksPerChild" -> Pool.builder().maxTasksPerChild(-1);
                  case "retries" -> Pool.builder().retries(-1);
                  default -> Pool.builder().maxWorkerDeaths(0, java.time.Duration.ofMinutes(1));
                }
              });
      assertTrue(failure.getMessage().startsWith(argument), failure.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class, () -> Pool.builder().taskTimeout(java.time.Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Pool.builder().jvmOptions(" "));
    assertThrows(IllegalArgumentException.class, () -> Pool.builder().maxFrameSize(10));
  }
}
