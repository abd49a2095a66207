package org.multiprocessing4j.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.RemoteException;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.spi.Serializer;

public class FailureCodecTest {

  /** Java serialization, standing in for a real serializer. */
  public static final class JavaSerializer implements Serializer {
    @Override
    public void serialize(Object value, OutputStream out) throws IOException {
      try {
        ObjectOutputStream objects = new ObjectOutputStream(out);
        objects.writeObject(value);
        objects.flush();
      } catch (java.io.NotSerializableException e) {
        throw new SerializationException("not serializable: " + e.getMessage(), e);
      }
    }

    @Override
    public Object deserialize(byte[] data, int offset, int length) {
      try {
        return new ObjectInputStream(new ByteArrayInputStream(data, offset, length)).readObject();
      } catch (IOException | ClassNotFoundException e) {
        throw new SerializationException("cannot read: " + e, e);
      }
    }

    @Override
    public String fingerprint() {
      return "java";
    }
  }

  /** Neither Java-serializable (a field) nor rebuildable (no String constructor). */
  static final class Stubborn extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Object handle = new Object();

    Stubborn(int code) {
      super("stubborn " + code);
    }
  }

  private static Throwable roundTrip(Throwable failure) throws IOException {
    FailureCodec codec =
        new FailureCodec(new JavaSerializer(), FailureCodecTest.class.getClassLoader());
    FrameWriter writer = new FrameWriter(64);
    codec.write(failure, writer);
    return codec.read(new FrameReader(Arrays.copyOf(writer.array(), writer.size())));
  }

  @Test
  void serializableExceptionKeepsTypeMessageStackCauseAndSuppressed() throws IOException {
    IllegalStateException original =
        new IllegalStateException("outer", new ArithmeticException("inner"));
    original.addSuppressed(new UnsupportedOperationException("also"));
    Throwable copy = roundTrip(original);
    assertInstanceOf(IllegalStateException.class, copy);
    assertEquals("outer", copy.getMessage());
    assertArrayEquals(original.getStackTrace(), copy.getStackTrace());
    assertEquals("inner", copy.getCause().getMessage());
    assertEquals("also", copy.getSuppressed()[0].getMessage());
  }

  @Test
  void unserializableExceptionIsRebuiltStructurallyWithItsStack() throws IOException {
    IllegalArgumentException cause = new IllegalArgumentException("why");
    Stubborn original = new Stubborn(7);
    original.initCause(cause);
    Throwable copy = roundTrip(original);
    RemoteException remote = assertInstanceOf(RemoteException.class, copy);
    assertEquals(Stubborn.class.getName(), remote.remoteClassName());
    assertEquals("stubborn 7", remote.remoteMessage());
    assertArrayEquals(original.getStackTrace(), remote.getStackTrace());
    assertInstanceOf(IllegalArgumentException.class, remote.getCause());
    assertEquals("why", remote.getCause().getMessage());
  }

  @Test
  void cyclicCauseChainDoesNotLoop() throws IOException {
    Stubborn a = new Stubborn(1);
    Stubborn b = new Stubborn(2);
    a.initCause(b);
    b.initCause(a);
    Throwable copy = roundTrip(a);
    assertTrue(copy.getMessage().contains("stubborn 1"));
    assertTrue(copy.getCause().getMessage().contains("stubborn 2"));
  }
}
