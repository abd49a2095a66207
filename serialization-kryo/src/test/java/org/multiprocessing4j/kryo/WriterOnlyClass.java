package org.multiprocessing4j.kryo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Stands for a class that the writing JVM has and the reading JVM lacks: a copy of a test class,
 * renamed by patching its bytecode, and defined in a class loader of its own. Neither the test
 * class path nor Kryo's own class loader can find it. The new simple name must have the same length
 * as the old one, so that every constant in the class file keeps its length.
 */
final class WriterOnlyClass {
  private WriterOnlyClass() {}

  static Class<?> copyOf(Class<?> original, String newSimpleName) {
    String oldSimpleName = original.getSimpleName();
    if (oldSimpleName.length() != newSimpleName.length()) {
      throw new IllegalArgumentException("The names must have the same length");
    }
    byte[] bytes = patch(classFile(original), ascii(oldSimpleName), ascii(newSimpleName));
    return new Loader(original.getClassLoader())
        .define(original.getPackageName() + "." + newSimpleName, bytes);
  }

  private static byte[] classFile(Class<?> type) {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] patch(byte[] bytes, byte[] from, byte[] to) {
    byte[] patched = bytes.clone();
    for (int i = 0; i + from.length <= patched.length; i++) {
      boolean match = true;
      for (int j = 0; j < from.length && match; j++) {
        match = patched[i + j] == from[j];
      }
      if (match) {
        System.arraycopy(to, 0, patched, i, to.length);
      }
    }
    return patched;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static final class Loader extends ClassLoader {
    Loader(ClassLoader parent) {
      super(parent);
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
