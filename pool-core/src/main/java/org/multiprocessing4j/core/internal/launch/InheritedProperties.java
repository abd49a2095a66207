package org.multiprocessing4j.core.internal.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The system properties a worker inherits when asked: those this JVM was given or set, not those
 * every JVM sets for itself, which describe this JVM (its paths, its version, its user) and would
 * be wrong or harmful in another.
 */
final class InheritedProperties {
  private static final List<String> OWN_PREFIXES =
      List.of(
          "java.",
          "jdk.",
          "sun.",
          "os.",
          "user.",
          "file.",
          "native.",
          "stdout.",
          "stderr.",
          "multiprocessing4j.worker.");

  private static final Set<String> OWN_NAMES = Set.of("line.separator", "path.separator");

  private InheritedProperties() {}

  /** {@code -Dname=value} for each inheritable property, by name. */
  static List<String> options() {
    Properties properties = System.getProperties();
    List<String> options = new ArrayList<>();
    for (String name : new TreeSet<>(properties.stringPropertyNames())) {
      if (inheritable(name)) {
        options.add("-D" + name + "=" + properties.getProperty(name));
      }
    }
    return options;
  }

  static boolean inheritable(String name) {
    if (OWN_NAMES.contains(name) || name.isEmpty()) {
      return false;
    }
    for (String prefix : OWN_PREFIXES) {
      if (name.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }
}
