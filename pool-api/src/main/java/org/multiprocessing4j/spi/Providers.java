package org.multiprocessing4j.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds providers with {@link ServiceLoader}. When none fits, the exception says which artifact to
 * add or which names exist.
 */
public final class Providers {
  private Providers() {}

  /**
   * Returns every provider of {@code type} that {@code classLoader} can see, available or not,
   * highest priority first.
   *
   * @param type the provider class
   * @param classLoader where to look
   * @param <P> the provider type
   * @return the providers found; providers that fail to load are skipped
   */
  public static <P extends NamedProvider> List<P> all(Class<P> type, ClassLoader classLoader) {
    List<P> found = new ArrayList<>();
    var iterator = ServiceLoader.load(type, classLoader).iterator();
    while (true) {
      try {
        if (!iterator.hasNext()) {
          break;
        }
        found.add(iterator.next());
      } catch (ServiceConfigurationError broken) {
        // A provider whose dependencies are missing must not hide the others.
      }
    }
    found.sort(Comparator.comparingInt(NamedProvider::priority).reversed());
    return found;
  }

  /**
   * Returns the available provider of {@code type} with the highest priority.
   *
   * @param type the provider class
   * @param classLoader where to look
   * @param what what the provider provides, in words, for the message (for example {@code
   *     "transport"})
   * @param artifactHint the artifacts that provide one (for example {@code
   *     "org.multiprocessing4j:transport-pipe"})
   * @param <P> the provider type
   * @return the provider
   * @throws IllegalStateException if no available provider is found; the message names the artifact
   *     to add
   */
  public static <P extends NamedProvider> P best(
      Class<P> type, ClassLoader classLoader, String what, String artifactHint) {
    List<P> all = all(type, classLoader);
    return all.stream()
        .filter(NamedProvider::isAvailable)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No "
                        + what
                        + " is available"
                        + (all.isEmpty() ? "" : " (found but unavailable here: " + names(all) + ")")
                        + ". Add "
                        + artifactHint
                        + " to the classpath."));
  }

  /**
   * Returns the provider of {@code type} called {@code name}.
   *
   * @param type the provider class
   * @param name the provider's {@link NamedProvider#name()}
   * @param classLoader where to look
   * @param what what the provider provides, in words, for the message
   * @param artifactHint the artifacts that provide one, for the message
   * @param <P> the provider type
   * @return the provider
   * @throws IllegalArgumentException if none has that name, or it is not available here; the
   *     message lists the names found
   */
  public static <P extends NamedProvider> P byName(
      Class<P> type, String name, ClassLoader classLoader, String what, String artifactHint) {
    List<P> all = all(type, classLoader);
    for (P provider : all) {
      if (provider.name().equals(name)) {
        if (!provider.isAvailable()) {
          throw new IllegalArgumentException(
              "The " + what + " '" + name + "' is not available on this platform");
        }
        return provider;
      }
    }
    throw new IllegalArgumentException(
        "No "
            + what
            + " named '"
            + name
            + "'"
            + (all.isEmpty() ? "" : "; found: " + names(all))
            + ". Add "
            + artifactHint
            + " to the classpath, or pick one of the names found.");
  }

  private static String names(List<? extends NamedProvider> providers) {
    return providers.stream().map(NamedProvider::name).collect(Collectors.joining(", "));
  }
}
