package org.multiprocessing4j.core.internal.launch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.multiprocessing4j.core.internal.worker.WorkerMain;
import org.multiprocessing4j.spi.PoolSpec;

/**
 * The workers' classpath: the one the user set, or one derived from where this JVM's classes really
 * come from. {@code java.class.path} alone is wrong wherever an application runs under a class
 * loader of its own: {@code mvn exec:java} (the classpath is Maven's launcher), a Spring Boot
 * executable jar (classes in nested jars), a servlet container, an IDE's or a plugin system's
 * loader, jshell's execution agent.
 *
 * <p>The class loaders of the pool itself, of its transport and serializer, of the configured class
 * loader and of the work are walked to the platform loader. A {@link URLClassLoader} contributes
 * its URLs, the JDK's application loader {@code java.class.path} and {@code jdk.module.path} (it
 * has no URLs to show), each loader after its parent, as delegation finds classes. An entry inside
 * a jar (Spring Boot's {@code BOOT-INF/lib/*.jar} and {@code BOOT-INF/classes/}) is materialized by
 * {@link NestedJars}, since a JVM's classpath takes files only. A loader of another kind
 * contributes the locations its classes came from, for the classes the pool knows.
 *
 * <p>Whatever the source, the classpath must hold the worker's main class and the transport's and
 * serializer's provider classes (those that exist as class files: a worker finds a provider
 * generated at run time by its name), or no worker could ever start: the pool then refuses to
 * build. Entries are made absolute, so that a worker's working directory does not change what they
 * name.
 */
public final class WorkerClasspath {
  private static final String APP_LOADER = "jdk.internal.loader.ClassLoaders$AppClassLoader";

  private final NestedJars nested;
  private final Set<String> entries = new LinkedHashSet<>();
  private final Set<ClassLoader> walked = new LinkedHashSet<>();
  private final List<String> sources = new ArrayList<>();

  private WorkerClasspath(NestedJars nested) {
    this.nested = nested;
  }

  /**
   * Returns the classpath for workers of {@code spec} that run {@code work}.
   *
   * @param setting what the user calls to set the classpath, for the message
   * @throws IllegalStateException if the classpath lacks a class every worker needs; the message
   *     says what was found and what to set
   */
  public static String resolve(PoolSpec spec, String setting, Object... work) {
    return resolve(spec, setting, NestedJars.inDefaultCache(), work);
  }

  /** As {@link #resolve(PoolSpec, String, Object...)}, with nested jars kept in {@code nested}. */
  public static String resolve(PoolSpec spec, String setting, NestedJars nested, Object... work) {
    List<Class<?>> required = new ArrayList<>();
    for (Class<?> type :
        List.of(WorkerMain.class, spec.transport().getClass(), spec.serializer().getClass())) {
      // A class generated at run time has no class file to look for: the worker finds a
      // provider of its name through ServiceLoader instead.
      if (type.getClassLoader() != null
          && type.getClassLoader().getResource(resource(type)) != null) {
        required.add(type);
      }
    }
    if (spec.classpath() != null) {
      WorkerClasspath given = new WorkerClasspath(null);
      for (String entry : spec.classpath().split(File.pathSeparator)) {
        given.add(entry);
      }
      given.sources.add("the classpath set with " + setting);
      return given.checked(spec.name(), required, setting);
    }
    WorkerClasspath derived = new WorkerClasspath(nested);
    List<ClassLoader> seeds = new ArrayList<>();
    for (Class<?> type : required) {
      seeds.add(type.getClassLoader());
    }
    seeds.add(spec.classLoader());
    if (spec.initializer() != null) {
      seeds.add(spec.initializer().getClass().getClassLoader());
    }
    for (Object item : work) {
      seeds.add(item.getClass().getClassLoader());
    }
    for (ClassLoader seed : seeds) {
      derived.walk(seed);
    }
    for (Class<?> type : required) {
      derived.addOrigin(type);
    }
    return derived.checked(spec.name(), required, setting);
  }

  /** Adds {@code loader}'s ancestors, then {@code loader}: parents find classes first. */
  private void walk(ClassLoader loader) {
    List<ClassLoader> chain = new ArrayList<>();
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    for (ClassLoader at = loader; at != null && at != platform; at = at.getParent()) {
      chain.add(0, at);
    }
    for (ClassLoader at : chain) {
      if (walked.add(at)) {
        contribute(at);
      }
    }
  }

  private void contribute(ClassLoader loader) {
    if (loader.getClass().getName().equals(APP_LOADER)) {
      sources.add("java.class.path");
      addAll(System.getProperty("java.class.path", ""));
      addAll(System.getProperty("jdk.module.path", ""));
    } else if (loader instanceof URLClassLoader urls) {
      sources.add("the URLs of " + describe(loader));
      for (URL url : urls.getURLs()) {
        addUrl(url);
      }
    } else {
      sources.add(
          describe(loader)
              + " (not a URLClassLoader: only where the pool's own classes"
              + " came from)");
    }
  }

  /**
   * Adds where {@code type} was loaded from, for class loaders that show no URLs; nothing if its
   * location is already there or unknown.
   */
  private void addOrigin(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source != null && source.getLocation() != null && !holds(type)) {
      addUrl(source.getLocation());
    }
  }

  /** The entry {@code type} was loaded from, if it is one of the entries. */
  private boolean loadedFromAnEntry(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return false;
    }
    Path origin = entryFor(source.getLocation());
    return origin != null && entries.contains(origin.toString());
  }

  private void addAll(String classpath) {
    for (String entry : classpath.split(File.pathSeparator)) {
      add(entry);
    }
  }

  private void addUrl(URL url) {
    Path entry = entryFor(url);
    if (entry != null) {
      add(entry.toString());
    }
  }

  /** The classpath entry that serves {@code url}, or {@code null} if no local file can. */
  private Path entryFor(URL url) {
    String text = url.toString();
    try {
      if (url.getProtocol().equals("file")) {
        return Path.of(url.toURI()).toAbsolutePath().normalize();
      } else if (nested != null && (text.startsWith("jar:") || text.startsWith("nested:"))) {
        Path materialized = nested.materialize(text);
        return materialized == null ? null : materialized.toAbsolutePath().normalize();
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      // Not a location a JVM can start from; the required-class check explains what is missing.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + text + " for the workers' classpath", e);
    }
    return null;
  }

  private void add(String entry) {
    if (entry.isEmpty()) {
      return;
    }
    boolean wildcard = entry.equals("*") || entry.endsWith(File.separator + "*");
    String base = wildcard ? entry.substring(0, entry.length() - 1) : entry;
    try {
      Path absolute = Path.of(base.isEmpty() ? "." : base).toAbsolutePath().normalize();
      if (Files.exists(absolute)) {
        entries.add(wildcard ? absolute.resolve("*").toString() : absolute.toString());
      }
    } catch (InvalidPathException e) {
      // The JVM would skip it too.
    }
  }

  private String checked(String poolName, List<Class<?>> required, String setting) {
    List<String> missing = new ArrayList<>();
    for (Class<?> type : required) {
      if (!holds(type)) {
        missing.add(type.getName());
      }
    }
    if (missing.isEmpty()) {
      return String.join(File.pathSeparator, entries);
    }
    throw new IllegalStateException(
        "Cannot start workers for "
            + poolName
            + ": their classpath lacks "
            + String.join(", ", missing)
            + ", without which no worker can start. The classpath was taken from "
            + String.join("; ", sources)
            + " and is: "
            + (entries.isEmpty() ? "(empty)" : String.join(File.pathSeparator, entries))
            + ". Set it with "
            + setting
            + "(...) to the jars of pool-api, pool-core, the transport, the serializer, their"
            + " dependencies and the classes your tasks use.");
  }

  /** Whether an entry holds {@code type}'s class file, as a worker's class loader would see it. */
  private boolean holds(Class<?> type) {
    if (loadedFromAnEntry(type)) {
      // Found without opening every jar before it: a long classpath stays cheap.
      return true;
    }
    String resource = resource(type);
    for (String entry : entries) {
      if (entry.endsWith("*")) {
        Path directory = Path.of(entry.substring(0, entry.length() - 1));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*.{jar,JAR}")) {
          for (Path jar : jars) {
            if (holds(jar, resource)) {
              return true;
            }
          }
        } catch (IOException e) {
          // An unreadable directory holds nothing a worker could load.
        }
      } else if (holds(Path.of(entry), resource)) {
        return true;
      }
    }
    return false;
  }

  private static boolean holds(Path entry, String resource) {
    if (Files.isDirectory(entry)) {
      return Files.isRegularFile(entry.resolve(resource));
    }
    try (JarFile jar = new JarFile(entry.toFile(), false)) {
      return jar.getEntry(resource) != null;
    } catch (IOException e) {
      return false;
    }
  }

  private static String resource(Class<?> type) {
    return type.getName().replace('.', '/') + ".class";
  }

  private static String describe(ClassLoader loader) {
    String name = loader.getName();
    return loader.getClass().getName() + (name == null ? "" : " '" + name + "'");
  }
}
