package org.multiprocessing4j.core.internal.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locations inside jars, in both of Spring Boot's URL forms, become files a classpath can name. */
class NestedJarsTest {
  @TempDir Path dir;

  private Path bootJar(String innerContent) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("BOOT-INF/", null);
    entries.put("BOOT-INF/classes/", null);
    entries.put("BOOT-INF/classes/demo/", null);
    entries.put("BOOT-INF/classes/demo/App.class", bytes("app"));
    entries.put("BOOT-INF/lib/", null);
    entries.put("BOOT-INF/lib/inner.jar", jar(Map.of("x/Y.class", bytes(innerContent))));
    return write(dir.resolve("app.jar"), entries);
  }

  @Test
  void aNestedJarIsCopiedOutUnderEitherUrlForm() throws IOException {
    Path app = bootJar("y");
    NestedJars nested = new NestedJars(dir.resolve("cache"));

    Path classic = nested.materialize("jar:" + app.toUri() + "!/BOOT-INF/lib/inner.jar!/");
    Path boot32 = nested.materialize("jar:nested:" + app + "/!BOOT-INF/lib/inner.jar!/");

    assertEquals(classic, boot32);
    assertTrue(classic.startsWith(dir.resolve("cache")), classic.toString());
    try (JarFile copy = new JarFile(classic.toFile())) {
      assertArrayEquals(bytes("y"), copy.getInputStream(copy.getEntry("x/Y.class")).readAllBytes());
    }
  }

  @Test
  void aDirectoryInsideAJarIsPackedIntoAJarOfItsOwn() throws IOException {
    Path app = bootJar("y");
    NestedJars nested = new NestedJars(dir.resolve("cache"));

    Path boot32 = nested.materialize("jar:nested:" + app + "/!BOOT-INF/classes/!/");
    Path classic = nested.materialize("jar:" + app.toUri() + "!/BOOT-INF/classes!/");

    assertEquals(boot32, classic);
    assertEquals("classes.jar", boot32.getFileName().toString());
    try (JarFile classes = new JarFile(boot32.toFile())) {
      assertArrayEquals(
          bytes("app"), classes.getInputStream(classes.getEntry("demo/App.class")).readAllBytes());
    }
  }

  @Test
  void aRebuiltJarNeverMeetsAStaleCopy() throws IOException {
    Path first =
        new NestedJars(dir.resolve("cache"))
            .materialize("jar:nested:" + bootJar("one") + "/!BOOT-INF/lib/inner.jar!/");
    byte[] firstBytes = Files.readAllBytes(first);

    Path second =
        new NestedJars(dir.resolve("cache"))
            .materialize("jar:nested:" + bootJar("two") + "/!BOOT-INF/lib/inner.jar!/");

    assertNotEquals(first, second);
    assertArrayEquals(firstBytes, Files.readAllBytes(first), "a copy in use is never rewritten");
    try (JarFile copy = new JarFile(second.toFile())) {
      assertArrayEquals(
          bytes("two"), copy.getInputStream(copy.getEntry("x/Y.class")).readAllBytes());
    }
  }

  @Test
  void theOuterJarItselfNeedsNoCopyAndWhatIsNotThereIsNothing() throws IOException {
    Path app = bootJar("y");
    NestedJars nested = new NestedJars(dir.resolve("cache"));

    assertEquals(app, nested.materialize("jar:" + app.toUri() + "!/"));
    assertNull(nested.materialize("jar:nested:" + app + "/!BOOT-INF/lib/absent.jar!/"));
    assertNull(nested.materialize("jar:" + dir.resolve("absent.jar").toUri() + "!/x.jar!/"));
    assertNull(nested.materialize("jar:http://example.com/app.jar!/BOOT-INF/lib/inner.jar!/"));
  }

  @Test
  void anEntryNamedToEscapeTheCacheIsRefused() throws IOException {
    Path evil = write(dir.resolve("evil.jar"), Map.of("../../escaped.jar", jar(Map.of())));
    NestedJars nested = new NestedJars(dir.resolve("cache"));

    assertNull(nested.materialize("jar:" + evil.toUri() + "!/../../escaped.jar!/"));
    assertFalse(Files.exists(dir.resolve("escaped.jar")));
  }

  @Test
  void cachesUnusedForAMonthArePruned() throws IOException {
    Path cache = dir.resolve("cache");
    Path stale = Files.createDirectories(cache.resolve("0123456789abcdef/BOOT-INF/lib"));
    Files.write(stale.resolve("old.jar"), bytes("old"));
    Files.setLastModifiedTime(
        cache.resolve("0123456789abcdef"), FileTime.from(Instant.now().minus(Duration.ofDays(40))));

    new NestedJars(cache).materialize("jar:nested:" + bootJar("y") + "/!BOOT-INF/lib/inner.jar!/");

    assertFalse(Files.exists(cache.resolve("0123456789abcdef")));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] jar(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeTo(bytes, entries);
    return bytes.toByteArray();
  }

  private static Path write(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      writeTo(out, entries);
    }
    return file;
  }

  private static void writeTo(OutputStream out, Map<String, byte[]> entries) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        if (entry.getValue() != null) {
          zip.write(entry.getValue());
        }
        zip.closeEntry();
      }
    }
  }
}
