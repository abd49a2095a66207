package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.SerializerProvider;

class ProviderTest {

  @Test
  void serviceLoaderFindsTheKryoProvider() {
    SerializerProvider provider =
        ServiceLoader.load(SerializerProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("kryo"))
            .findFirst()
            .orElseThrow();

    assertEquals(KryoSerializerProvider.class, provider.getClass());
    assertTrue(provider.isAvailable());
    assertEquals(5, provider.priority());
    Serializer serializer = provider.create(getClass().getClassLoader());
    assertEquals("found", Serializers.roundTrip(serializer, "found"));
  }
}
