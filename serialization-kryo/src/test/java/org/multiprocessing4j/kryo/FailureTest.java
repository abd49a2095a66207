package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoSerializable;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.spi.Serializer;

class FailureTest {
  private static final Serializer SERIALIZER = Serializers.fromProvider();

  static final class Task {
    final String name = "task";
    final Object worker;

    Task(Object worker) {
      this.worker = worker;
    }
  }

  static final class Exploding implements KryoSerializable {
    @Override
    public void write(Kryo kryo, Output output) {
      throw new IllegalStateException("no serializing me");
    }

    @Override
    public void read(Kryo kryo, Input input) {}
  }

  static final class Link {
    Link next;
  }

  @Test
  void threadIsRefusedNamingItsClassAndTheFix() {
    SerializationException e = serializeFails(new Thread());

    assertContains(e, "Cannot serialize java.lang.Thread");
    assertContains(e, "mark the field that holds it transient");
    assertContains(e, "send a plain value");
  }

  @Test
  void failureInsideAnApplicationSerializerNamesTheValueAndTheWayOut() {
    SerializationException e = serializeFails(new Exploding());

    assertContains(
        e,
        "Cannot serialize a value of type "
            + Exploding.class.getName()
            + ": java.lang.IllegalStateException: no serializing me");
    assertContains(e, "implement com.esotericsoftware.kryo.kryo5.KryoSerializable");
  }

  @Test
  void nestedFailureNamesTheTypeAndTheFieldPath() {
    SerializationException e = serializeFails(List.of(new Task(new Thread())));

    assertContains(e, "Cannot serialize java.lang.Thread");
    assertContains(e, "worker (" + Task.class.getName() + ")");
  }

  @Test
  void nonSerializableLambdaIsRefusedWithAdvice() {
    Function<Integer, Integer> plain = x -> x + 1;

    SerializationException e = serializeFails(new Task(plain));

    assertContains(
        e,
        "a lambda or method reference implementing java.util.function.Function, defined in "
            + FailureTest.class.getName());
    assertContains(e, "Make the lambda target a Serializable functional interface");
    assertContains(e, "worker (" + Task.class.getName() + ")");
  }

  @Test
  void nonSerializableValueInsideAJdkClassNamesTheValue() {
    SerializationException e =
        serializeFails(new AtomicReferenceArray<>(new Object[] {new Object()}));

    assertContains(e, "Cannot serialize java.lang.Object: it is not Serializable");
  }

  @Test
  void tooDeepGraphIsRefusedWithAdvice() {
    Link head = new Link();
    Link tail = head;
    for (int i = 0; i < 100_000; i++) {
      tail.next = new Link();
      tail = tail.next;
    }

    SerializationException e = serializeFails(head);

    assertContains(e, "nested too deeply");
  }

  @Test
  void pathOfAnotherFileSystemIsRefused(@TempDir Path temp) throws IOException {
    try (FileSystem zip =
        FileSystems.newFileSystem(temp.resolve("archive.zip"), Map.of("create", "true"))) {
      SerializationException e = serializeFails(zip.getPath("inside.txt"));

      assertContains(e, "Only paths of the default file system");
    }
  }

  @Test
  void classMissingOnTheReadingSideIsNamed() throws Exception {
    Class<?> writerOnly = WriterOnlyClass.copyOf(GhostPayload.class, "PhantomCargo");
    Object payload = writerOnly.getConstructor().newInstance();
    byte[] bytes = Serializers.bytes(Serializers.withLoader(writerOnly.getClassLoader()), payload);

    SerializationException e =
        assertThrows(
            SerializationException.class, () -> SERIALIZER.deserialize(bytes, 0, bytes.length));

    assertContains(
        e, "class org.multiprocessing4j.kryo.PhantomCargo is not on this JVM's classpath");
    assertContains(e, "worker's classpath");
  }

  @Test
  void truncatedDataIsRefused() {
    byte[] bytes = Serializers.bytes(SERIALIZER, List.of("some", "strings", 1, 2, 3));

    SerializationException e =
        assertThrows(
            SerializationException.class, () -> SERIALIZER.deserialize(bytes, 0, bytes.length / 2));

    assertContains(e, "Cannot deserialize");
    assertContains(e, "fingerprint()");
  }

  @Test
  void bytesLeftOverAfterTheObjectAreRefused() {
    byte[] one = Serializers.bytes(SERIALIZER, "one");
    byte[] two = Arrays.copyOf(one, one.length * 2);
    System.arraycopy(one, 0, two, one.length, one.length);

    SerializationException e =
        assertThrows(
            SerializationException.class, () -> SERIALIZER.deserialize(two, 0, two.length));

    assertContains(e, "left unread");
  }

  /** A small value fails in Kryo's buffer flush, a big byte array in its direct write. */
  @ParameterizedTest
  @ValueSource(ints = {10, 1 << 20})
  void failingStreamRaisesItsOwnIOException(int size) {
    IOException broken = new IOException("pipe closed");
    OutputStream failing =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw broken;
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw broken;
          }
        };

    IOException e =
        assertThrows(IOException.class, () -> SERIALIZER.serialize(new byte[size], failing));

    assertSame(broken, e);
  }

  @Test
  void failureWritesAreDiscardedAndTheSerializerStillWorks() throws IOException {
    serializeFails(new Task(new Thread()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    SERIALIZER.serialize(List.of("fine"), out);

    assertEquals(List.of("fine"), SERIALIZER.deserialize(out.toByteArray(), 0, out.size()));
  }

  private static SerializationException serializeFails(Object value) {
    return assertThrows(
        SerializationException.class,
        () -> SERIALIZER.serialize(value, OutputStream.nullOutputStream()));
  }

  private static void assertContains(Exception e, String fragment) {
    assertTrue(
        e.getMessage().contains(fragment),
        () ->
            "expected the message to contain \"" + fragment + "\" but it was:\n" + e.getMessage());
  }
}
