package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.SerializationException;

/**
 * Kryo 5.6.2 leaves entries on its generics stack when a field fails half-way (issue #1281), so a
 * Kryo that threw must be dropped, never returned to the pool.
 */
class KryoReuseTest {

  static final class Box<T> {
    List<T> items = new ArrayList<>();
  }

  static final class Holder {
    Box<String> box = new Box<>();
  }

  private final AtomicInteger created = new AtomicInteger();
  private final KryoFactory factory =
      new KryoFactory(getClass().getClassLoader(), BufferKind.fastestAvailable());
  private final KryoSerializer serializer =
      new KryoSerializer(
          () -> {
            created.incrementAndGet();
            return factory.newPooledKryo();
          },
          "test");

  @Test
  void kryoThatFailedToWriteIsReplaced() throws Exception {
    serializer.serialize(List.of("good"), OutputStream.nullOutputStream());
    serializer.serialize(List.of("good"), OutputStream.nullOutputStream());
    assertEquals(1, created.get(), "a healthy Kryo is reused");

    assertThrows(
        SerializationException.class,
        () -> serializer.serialize(poisoning(), OutputStream.nullOutputStream()));
    serializer.serialize(List.of("good"), OutputStream.nullOutputStream());

    assertEquals(2, created.get());
  }

  @Test
  void kryoThatFailedToReadIsReplaced() throws Exception {
    byte[] bytes = Serializers.bytes(serializer, List.of("good", "data"));
    assertEquals(1, created.get());

    assertThrows(SerializationException.class, () -> serializer.deserialize(bytes, 0, 3));
    assertEquals(List.of("good", "data"), serializer.deserialize(bytes, 0, bytes.length));

    assertEquals(2, created.get());
  }

  /** Fails inside a generic field, which is what leaves Kryo's generics stack dirty. */
  @SuppressWarnings("unchecked")
  private static Holder poisoning() {
    Holder holder = new Holder();
    ((List<Object>) (List<?>) holder.box.items).add(42);
    return holder;
  }
}
