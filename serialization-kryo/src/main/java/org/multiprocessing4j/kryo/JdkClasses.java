package org.multiprocessing4j.kryo;

import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Tells JDK classes apart by name. The test must not depend on which packages this JVM opens: the
 * parent and its workers run with different {@code --add-opens}, yet must pick the same serializer
 * for every class.
 */
final class JdkClasses {
  private static final List<String> PREFIXES =
      List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  private JdkClasses() {}

  static boolean isJdk(Class<?> type) {
    String name = type.getName();
    return PREFIXES.stream().anyMatch(name::startsWith);
  }

  /** Whether Kryo can create an instance through a public constructor, without opening the JDK. */
  static boolean hasPublicNoArgConstructor(Class<?> type) {
    if (!Modifier.isPublic(type.getModifiers())) {
      return false;
    }
    try {
      type.getConstructor();
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
