package org.multiprocessing4j.core.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multiprocessing4j.core.contract.plainsocket.PlainSocketTransportProvider;
import org.multiprocessing4j.core.internal.worker.WorkerMain;
import org.multiprocessing4j.kryo.KryoSerializerProvider;
import org.multiprocessing4j.spi.PoolSpec;

/** Where the workers' classpath comes from, and when the pool refuses to start. */
class WorkerClasspathTest {
  @TempDir Path dir;

  private static PoolSpec spec(ClassLoader loader, String classpath) {
    return new PoolSpec(
        "p",
        1,
        null,
        0,
        List.of(),
        new PlainSocketTransportProvider(),
        new KryoSerializerProvider(),
        1 << 20,
        null,
        null,
        loader,
        classpath,
        Path.of(System.getProperty("java.home"), "bin", "java"),
        Duration.ofSeconds(10),
        null,
        0,
        8,
        Duration.ofMinutes(1),
        null,
        Map.of(),
        null,
        false);
  }

  private List<String> derive(ClassLoader loader) {
    String classpath =
        WorkerClasspath.resolve(
            spec(loader, null), "Pool.builder().classpath", new NestedJars(dir.resolve("cache")));
    return Arrays.asList(classpath.split(File.pathSeparator));
  }

  @Test
  void theUrlsOfAUrlClassLoaderFollowThoseOfItsParents() throws Exception {
    Path plugin = Files.createDirectories(dir.resolve("plugin"));
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {plugin.toUri().toURL()}, getClass().getClassLoader())) {
      List<String> entries = derive(loader);

      assertEquals(plugin.toString(), entries.get(entries.size() - 1), entries.toString());
      String first = System.getProperty("java.class.path").split(File.pathSeparator)[0];
      assertEquals(Path.of(first).toAbsolutePath().normalize().toString(), entries.get(0));
    }
  }

  @Test
  void aJarInsideAJarIsUnpackedIntoTheCache() throws Exception {
    Path app = dir.resolve("app.jar");
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(app))) {
      jar.putNextEntry(new ZipEntry("BOOT-INF/lib/inner.jar"));
      writeEmptyJar(jar);
      jar.closeEntry();
    }
    URL nested = new URL("jar:" + app.toUri() + "!/BOOT-INF/lib/inner.jar!/");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {nested}, getClass().getClassLoader())) {
      List<String> entries = derive(loader);

      String last = entries.get(entries.size() - 1);
      assertTrue(last.startsWith(dir.resolve("cache").toString()), entries.toString());
      assertTrue(last.endsWith(Path.of("BOOT-INF", "lib", "inner.jar").toString()), last);
    }
  }

  @Test
  void aGivenClasspathIsMadeAbsoluteAndKeepsItsWildcards() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    String given =
        String.join(
            File.pathSeparator,
            System.getProperty("java.class.path"),
            lib + File.separator + "*",
            dir.resolve("absent.jar").toString());

    List<String> entries =
        Arrays.asList(
            WorkerClasspath.resolve(spec(getClass().getClassLoader(), given), "x")
                .split(File.pathSeparator));

    assertTrue(entries.contains(lib.resolve("*").toString()), entries.toString());
    assertFalse(entries.contains(dir.resolve("absent.jar").toString()), entries.toString());
    assertTrue(entries.stream().allMatch(entry -> Path.of(entry.replace("*", "")).isAbsolute()));
  }

  @Test
  void aClasspathWithoutTheProvidersSaysWhatItFoundAndWhatToSet() throws IOException {
    Path onlyCore =
        Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());

    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () ->
                WorkerClasspath.resolve(
                    spec(getClass().getClassLoader(), onlyCore.toString()),
                    "Pool.builder().classpath"));

    String message = failure.getMessage();
    assertFalse(message.contains(WorkerMain.class.getName()), message);
    assertTrue(message.contains(PlainSocketTransportProvider.class.getName()), message);
    assertTrue(message.contains(KryoSerializerProvider.class.getName()), message);
    assertTrue(message.contains(onlyCore.toString()), message);
    assertTrue(message.contains("the classpath set with Pool.builder().classpath"), message);
    assertTrue(message.contains("Set it with Pool.builder().classpath(...)"), message);
  }

  private static void writeEmptyJar(OutputStream out) throws IOException {
    JarOutputStream inner = new JarOutputStream(out);
    inner.putNextEntry(new ZipEntry("x/"));
    inner.closeEntry();
    inner.finish();
  }
}
