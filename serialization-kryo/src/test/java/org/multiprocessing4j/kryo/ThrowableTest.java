package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.RemoteException;
import org.multiprocessing4j.spi.Serializer;

class ThrowableTest {
  private static final Serializer SERIALIZER = Serializers.fromProvider();

  /** Java serialization cannot carry it: its handle is not Serializable. */
  public static class HandleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Object handle = new Object();

    public HandleException(String message) {
      super(message);
    }
  }

  /** Like {@link HandleException}, but only constructible with a cause. */
  public static class CausedHandleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Object handle = new Object();

    public CausedHandleException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Like {@link HandleException}, but with no constructor the reader can use. */
  public static class UnbuildableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Object handle = new Object();

    public UnbuildableException(int code) {
      super("code " + code);
    }
  }

  /** Carries a field of its own, which only Java serialization keeps. */
  public static class CodedException extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    public CodedException(String message, int code) {
      super(message);
      this.code = code;
    }
  }

  record Failure(String task, Throwable error) {}

  @Test
  void keepsClassMessageStackTraceCauseAndSuppressed() {
    IllegalStateException original =
        new IllegalStateException("outer", new UncheckedIOException(new IOException("disk")));
    original.addSuppressed(new IllegalArgumentException("while closing"));

    Throwable copy = Serializers.roundTrip(SERIALIZER, original);

    assertSameThrowable(original, copy);
    assertSameThrowable(original.getCause(), copy.getCause());
    assertSameThrowable(original.getCause().getCause(), copy.getCause().getCause());
    assertEquals(1, copy.getSuppressed().length);
    assertSameThrowable(original.getSuppressed()[0], copy.getSuppressed()[0]);
  }

  @Test
  void keepsFieldsOfSerializableExceptions() {
    CodedException copy = Serializers.roundTrip(SERIALIZER, new CodedException("coded", 42));

    assertEquals(42, copy.code);
  }

  @Test
  void exceptionWithNonSerializableFieldComesBackStructurally() {
    HandleException original = new HandleException("no handle for you");
    original.initCause(new IOException("root"));
    original.addSuppressed(new IllegalStateException("suppressed"));

    Throwable copy = Serializers.roundTrip(SERIALIZER, original);

    assertSameThrowable(original, copy);
    assertSameThrowable(original.getCause(), copy.getCause());
    assertSameThrowable(original.getSuppressed()[0], copy.getSuppressed()[0]);
  }

  @Test
  void structuralFormUsesTheCauseConstructorWhenThatIsTheOnlyOne() {
    CausedHandleException original =
        new CausedHandleException("needs a cause", new IOException("root"));

    Throwable copy = Serializers.roundTrip(SERIALIZER, original);

    assertSameThrowable(original, copy);
    assertSameThrowable(original.getCause(), copy.getCause());
    assertEquals(0, copy.getSuppressed().length);
  }

  @Test
  void exceptionWithoutUsableConstructorComesBackAsRemoteException() {
    UnbuildableException original = new UnbuildableException(7);

    Throwable copy = Serializers.roundTrip(SERIALIZER, original);

    RemoteException remote = assertInstanceOf(RemoteException.class, copy);
    assertEquals(UnbuildableException.class.getName(), remote.remoteClassName());
    assertEquals("code 7", remote.remoteMessage());
    assertArrayEquals(original.getStackTrace(), remote.getStackTrace());
  }

  @Test
  void exceptionClassMissingOnTheReadingSideComesBackAsRemoteException() throws Exception {
    Class<?> writerOnly = WriterOnlyClass.copyOf(GhostException.class, "PhantomFailure");
    Throwable original = (Throwable) writerOnly.getConstructor(String.class).newInstance("lost");
    original.initCause(new IOException("root"));
    original.addSuppressed(new IllegalStateException("suppressed"));
    byte[] bytes = Serializers.bytes(Serializers.withLoader(writerOnly.getClassLoader()), original);

    Object copy = SERIALIZER.deserialize(bytes, 0, bytes.length);

    RemoteException remote = assertInstanceOf(RemoteException.class, copy);
    assertEquals("org.multiprocessing4j.kryo.PhantomFailure", remote.remoteClassName());
    assertEquals("lost", remote.remoteMessage());
    assertEquals("org.multiprocessing4j.kryo.PhantomFailure: lost", remote.getMessage());
    assertArrayEquals(original.getStackTrace(), remote.getStackTrace());
    assertSameThrowable(original.getCause(), remote.getCause());
    assertSameThrowable(original.getSuppressed()[0], remote.getSuppressed()[0]);
  }

  @Test
  void causeCycleInStructuralFormIsCut() {
    HandleException first = new HandleException("first");
    IllegalStateException second = new IllegalStateException("second");
    first.initCause(second);
    second.initCause(first);

    Throwable copy = Serializers.roundTrip(SERIALIZER, first);

    assertSameThrowable(first, copy);
    assertSameThrowable(second, copy.getCause());
    assertNull(copy.getCause().getCause());
  }

  @Test
  void exceptionInsideAnObjectGraphKeepsItsIdentity() {
    IllegalStateException error = new IllegalStateException("shared");

    List<Failure> copy =
        Serializers.roundTrip(
            SERIALIZER, List.of(new Failure("a", error), new Failure("b", error)));

    assertSameThrowable(error, copy.get(0).error());
    assertSame(copy.get(0).error(), copy.get(1).error());
  }

  @Test
  void stackTraceElementsComeBackEqual() {
    StackTraceElement[] trace = new Throwable().getStackTrace();

    assertArrayEquals(trace, Serializers.roundTrip(SERIALIZER, trace));
  }

  private static void assertSameThrowable(Throwable expected, Throwable actual) {
    assertSame(expected.getClass(), actual.getClass());
    assertEquals(expected.getMessage(), actual.getMessage());
    assertArrayEquals(expected.getStackTrace(), actual.getStackTrace());
    assertTrue(actual.getStackTrace().length > 0, "the stack trace must survive");
  }
}
