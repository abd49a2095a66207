package org.multiprocessing4j.core.internal.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Turns a location inside a jar into a file a JVM's classpath can name: a nested jar (Spring Boot's
 * {@code BOOT-INF/lib/x.jar}) is copied out, a directory inside a jar ({@code BOOT-INF/classes/})
 * is packed into a jar of its own (a jar rather than a directory, so workers may still use a
 * {@linkplain ClassDataArchive class-data archive}). Each outer jar's items are kept once in a
 * cache directory named by a hash of the outer jar's content, so that every later pool, in this JVM
 * or another, starts from them at once, and a rebuilt jar never meets a stale copy.
 *
 * <p>Both of Spring Boot's URL forms are understood: {@code
 * jar:file:/app.jar!/BOOT-INF/lib/x.jar!/} (Boot 3.1 and earlier, and other jar-in-jar launchers)
 * and {@code jar:nested:/app.jar/!BOOT-INF/lib/x.jar!/} (Boot 3.2 and later).
 *
 * <p>Items are written to a temporary name and moved into place, so JVMs that materialize the same
 * item at once never see a partial file. Caches of outer jars not used for {@link #UNUSED_LIMIT}
 * are deleted.
 */
final class NestedJars {
  private static final Duration UNUSED_LIMIT = Duration.ofDays(30);

  private final Path cache;

  /**
   * Each outer jar's cache directory, hashed once per instance, since a Boot jar has many URLs: an
   * instance serves one derivation of a classpath, and a jar rebuilt later meets a new instance.
   */
  private final Map<Path, Path> itemsByJar = new HashMap<>();

  NestedJars(Path cache) {
    this.cache = cache;
  }

  /**
   * In {@code multiprocessing4j/jars} under {@code $XDG_CACHE_HOME} or else {@code ~/.cache}, next
   * to the class-data archives.
   */
  static NestedJars inDefaultCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path root =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return new NestedJars(root.resolve("multiprocessing4j").resolve("jars"));
  }

  /**
   * Returns a file that holds what {@code url} names, or {@code null} if it names nothing a
   * classpath can hold (an entry that does not exist, a protocol that is not a local file).
   *
   * @param url a {@code jar:} or {@code nested:} URL, as a class loader reports it
   * @throws IOException if the outer jar cannot be read or the cache cannot be written
   */
  Path materialize(String url) throws IOException {
    Location location;
    try {
      location = Location.parse(url);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
    if (location == null || !Files.isRegularFile(location.jar())) {
      return null;
    }
    if (location.entry().isEmpty()) {
      return location.jar();
    }
    try (ZipFile jar = new ZipFile(location.jar().toFile())) {
      Path items = itemsByJar.get(location.jar());
      if (items == null) {
        items = itemsOf(jar);
        itemsByJar.put(location.jar(), items);
      }
      ZipEntry entry = jar.getEntry(location.entry());
      if (entry != null && !entry.isDirectory()) {
        Path target = items.resolve(location.entry()).normalize();
        if (!target.startsWith(items)) {
          return null;
        }
        if (!Files.exists(target)) {
          try (InputStream in = jar.getInputStream(entry)) {
            publish(target, temporary -> Files.copy(in, temporary));
          }
        }
        return target;
      }
      String prefix = location.entry() + "/";
      List<ZipEntry> contents = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> all = jar.entries(); all.hasMoreElements(); ) {
        ZipEntry candidate = all.nextElement();
        if (candidate.getName().startsWith(prefix)
            && candidate.getName().length() > prefix.length()) {
          contents.add(candidate);
        }
      }
      if (contents.isEmpty()) {
        return null;
      }
      Path target = items.resolve(location.entry() + ".jar").normalize();
      if (!target.startsWith(items)) {
        return null;
      }
      if (!Files.exists(target)) {
        publish(target, temporary -> pack(jar, contents, prefix, temporary));
      }
      return target;
    }
  }

  /** This outer jar's cache directory, marked as used now; prunes those unused for long. */
  private Path itemsOf(ZipFile jar) throws IOException {
    ClassDataArchive.createPrivateDirectory(cache);
    Path items = cache.resolve(contentHash(jar));
    ClassDataArchive.createPrivateDirectory(items);
    Files.setLastModifiedTime(items, FileTime.from(Instant.now()));
    prune(items);
    return items;
  }

  /**
   * A hash of every entry's name, size and CRC, which the jar's central directory holds: as good as
   * hashing the content, without reading it.
   */
  private static String contentHash(ZipFile jar) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (Enumeration<? extends ZipEntry> all = jar.entries(); all.hasMoreElements(); ) {
      ZipEntry entry = all.nextElement();
      digest.update(
          (entry.getName() + '\0' + entry.getSize() + '\0' + entry.getCrc() + '\n')
              .getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }

  private static void pack(ZipFile jar, List<ZipEntry> contents, String prefix, Path target)
      throws IOException {
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream out = new JarOutputStream(file)) {
      for (ZipEntry entry : contents) {
        JarEntry copy = new JarEntry(entry.getName().substring(prefix.length()));
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        if (!entry.isDirectory()) {
          try (InputStream in = jar.getInputStream(entry)) {
            in.transferTo(out);
          }
        }
        out.closeEntry();
      }
    }
  }

  /** Writes {@code target} under a temporary name, then moves it into place. */
  private static void publish(Path target, Writer writer) throws IOException {
    ClassDataArchive.createPrivateDirectory(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".partial-", ".jar");
    try {
      Files.delete(temporary);
      writer.write(temporary);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target);
      }
    } catch (FileAlreadyExistsException raced) {
      // Another JVM published the same item: its copy is as good.
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private void prune(Path current) {
    Instant limit = Instant.now().minus(UNUSED_LIMIT);
    try (DirectoryStream<Path> all = Files.newDirectoryStream(cache)) {
      for (Path other : all) {
        if (!other.equals(current)
            && Files.isDirectory(other)
            && Files.getLastModifiedTime(other).toInstant().isBefore(limit)) {
          deleteTree(other);
        }
      }
    } catch (IOException e) {
      // Pruned again by the next pool.
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  @FunctionalInterface
  private interface Writer {
    void write(Path target) throws IOException;
  }

  /**
   * An outer jar and a path inside it.
   *
   * @param jar the outer jar
   * @param entry the path inside it without a trailing slash, or empty for the jar itself
   */
  record Location(Path jar, String entry) {

    /** Returns the location {@code url} names, or {@code null} if it is not a local jar's. */
    static Location parse(String url) throws URISyntaxException {
      String text = url.startsWith("jar:") ? url.substring("jar:".length()) : url;
      if (text.endsWith("!/")) {
        text = text.substring(0, text.length() - 2);
      }
      String jar;
      String entry;
      if (text.startsWith("nested:")) {
        String rest = text.substring("nested:".length());
        int separator = rest.indexOf("/!");
        if (separator < 0) {
          return null;
        }
        jar = decode(rest.substring(0, separator));
        entry = rest.substring(separator + 2);
        return new Location(Path.of(jar), trim(decode(entry)));
      }
      if (!text.startsWith("file:")) {
        return null;
      }
      int separator = text.indexOf("!/");
      jar = separator < 0 ? text : text.substring(0, separator);
      entry = separator < 0 ? "" : text.substring(separator + 2);
      int deeper = entry.indexOf("!/");
      if (deeper >= 0) {
        entry = entry.substring(0, deeper);
      }
      return new Location(Path.of(new URI(jar)), trim(decode(entry)));
    }

    private static String trim(String entry) {
      String trimmed = entry;
      while (trimmed.endsWith("/") || trimmed.endsWith("!")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      return trimmed;
    }

    /** Decodes percent escapes, leaving {@code +} alone as URIs do. */
    private static String decode(String text) {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }
}
