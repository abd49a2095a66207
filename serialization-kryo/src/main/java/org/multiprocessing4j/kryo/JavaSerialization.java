package org.multiprocessing4j.kryo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Map;

/** Plain Java serialization to and from a byte array, loading classes through a given loader. */
final class JavaSerialization {
  private static final Map<String, Class<?>> PRIMITIVE_TYPES =
      Map.of(
          "boolean", boolean.class,
          "byte", byte.class,
          "char", char.class,
          "short", short.class,
          "int", int.class,
          "long", long.class,
          "float", float.class,
          "double", double.class,
          "void", void.class);

  private JavaSerialization() {}

  static byte[] toBytes(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  static Object fromBytes(byte[] bytes, ClassLoader loader)
      throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new LoaderObjectInputStream(bytes, loader)) {
      return in.readObject();
    }
  }

  /**
   * Resolves classes only through the given loader. The JDK default would use the nearest
   * application loader on the call stack, which is not necessarily the one the pool was given.
   */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(byte[] bytes, ClassLoader loader) throws IOException {
      super(new ByteArrayInputStream(bytes));
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass description) throws ClassNotFoundException {
      String name = description.getName();
      Class<?> primitive = PRIMITIVE_TYPES.get(name);
      return primitive != null ? primitive : Class.forName(name, false, loader);
    }
  }
}
