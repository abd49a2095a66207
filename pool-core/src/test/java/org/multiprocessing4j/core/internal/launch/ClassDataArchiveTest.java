package org.multiprocessing4j.core.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  @TempDir Path temp;

  @Test
  void aJarOnlyClasspathWithThisJavaCanUseAnArchive() throws IOException {
    assertNull(ClassDataArchive.whyNot(JAVA, jar("a.jar") + File.pathSeparator, List.of("-Xmx1g")));
  }

  @Test
  void aNonEmptyDirectoryOnTheClasspathRulesItOut() throws IOException {
    Path classes = Files.createDirectories(temp.resolve("classes"));
    Files.writeString(classes.resolve("A.class"), "x");
    String reason =
        ClassDataArchive.whyNot(JAVA, jar("a.jar") + File.pathSeparator + classes, List.of());
    assertNotNull(reason);
    assertTrue(reason.contains(classes.toString()), reason);
  }

  @Test
  void anEmptyDirectoryOnTheClasspathDoesNot() throws IOException {
    Path empty = Files.createDirectories(temp.resolve("empty"));
    assertNull(ClassDataArchive.whyNot(JAVA, jar("a.jar") + File.pathSeparator + empty, List.of()));
  }

  @Test
  void aWildcardEntryRulesItOut() throws IOException {
    assertNotNull(ClassDataArchive.whyNot(JAVA, temp + File.separator + "*", List.of()));
  }

  @Test
  void optionsThatSetUpClassDataSharingLeaveItToTheUser() throws IOException {
    String classpath = jar("a.jar").toString();
    for (String option :
        List.of("-Xshare:off", "-XX:SharedArchiveFile=/x.jsa", "-XX:ArchiveClassesAtExit=/x.jsa")) {
      String reason = ClassDataArchive.whyNot(JAVA, classpath, List.of(option));
      assertNotNull(reason, option);
      assertTrue(reason.contains(option), reason);
    }
  }

  @Test
  void anotherJavaRulesItOut() throws IOException {
    Path otherJava = Files.createDirectories(temp.resolve("other/bin")).resolve("java");
    Files.writeString(otherJava, "#!/bin/sh\n");
    String reason = ClassDataArchive.whyNot(otherJava, jar("a.jar").toString(), List.of());
    assertNotNull(reason);
    assertTrue(reason.contains(otherJava.toString()), reason);
  }

  @Test
  void theKeyFollowsJarsOptionsOrderAndWorkload() throws IOException {
    Path a = jar("a.jar");
    Path b = jar("b.jar");
    String classpath = a + File.pathSeparator + b;
    String key = ClassDataArchive.key(classpath, List.of("-Xmx1g"), "pipe");
    assertEquals(key, ClassDataArchive.key(classpath, List.of("-Xmx1g"), "pipe"));
    assertNotEquals(key, ClassDataArchive.key(classpath, List.of("-Xmx2g"), "pipe"));
    assertNotEquals(
        key, ClassDataArchive.key(b + File.pathSeparator + a, List.of("-Xmx1g"), "pipe"));
    assertNotEquals(key, ClassDataArchive.key(classpath, List.of("-Xmx1g"), "socket"));
    Path relativeA = Path.of("").toAbsolutePath().relativize(a);
    assertNotEquals(
        key,
        ClassDataArchive.key(relativeA + File.pathSeparator + b, List.of("-Xmx1g"), "pipe"),
        "the JVM rejects an archive whose classpath was spelled differently");

    Files.setLastModifiedTime(a, FileTime.from(Instant.now().minusSeconds(60)));
    String touched = ClassDataArchive.key(classpath, List.of("-Xmx1g"), "pipe");
    assertNotEquals(key, touched);

    FileTime time = Files.getLastModifiedTime(a);
    Files.writeString(a, "longer content");
    Files.setLastModifiedTime(a, time);
    assertNotEquals(touched, ClassDataArchive.key(classpath, List.of("-Xmx1g"), "pipe"));
  }

  @Test
  void theDirectoryIsCreatedForTheOwnerOnly() throws IOException {
    Path directory = temp.resolve("cache/cds");
    assertNotNull(
        ClassDataArchive.forWorkers(directory, JAVA, jar("a.jar").toString(), List.of(), "pipe"));
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
  }

  @Test
  void theFirstWorkerTrainsAndLaterWorkersMapWhatItDumped() throws IOException {
    ClassDataArchive archive = archive();
    ClassDataArchive.Use first = archive.nextWorker();
    assertNotNull(first.trainingFile());
    assertEquals(temp.resolve("cds"), first.trainingFile().getParent());
    assertTrue(first.options().contains("-XX:ArchiveClassesAtExit=" + first.trainingFile()));
    assertEquals(new ClassDataArchive.Use(List.of(), null), archive.nextWorker());

    Files.writeString(first.trainingFile(), "an archive");
    archive.trainingEnded(first.trainingFile(), 0);

    assertFalse(Files.exists(first.trainingFile()));
    assertEquals("an archive", Files.readString(archive.archive()));
    assertEquals(
        new ClassDataArchive.Use(List.of("-XX:SharedArchiveFile=" + archive.archive()), null),
        archive.nextWorker());
  }

  @Test
  void aTrainingWorkerThatDidNotExitNormallyLeavesNoArchiveAndTheNextOneTrains()
      throws IOException {
    ClassDataArchive archive = archive();
    ClassDataArchive.Use first = archive.nextWorker();
    Files.writeString(first.trainingFile(), "half an archive");

    archive.trainingEnded(first.trainingFile(), 137);

    assertFalse(Files.exists(first.trainingFile()));
    assertFalse(Files.exists(archive.archive()));
    assertNotNull(archive.nextWorker().trainingFile());
  }

  @Test
  void aWorkerThatCouldNotBeLaunchedHandsTheTrainingOn() throws IOException {
    ClassDataArchive archive = archive();
    archive.trainingAbandoned(archive.nextWorker().trainingFile());
    assertNotNull(archive.nextWorker().trainingFile());
  }

  @Test
  void pruningKeepsTheMostRecentlyUsedArchivesAndFreshTrainings() throws IOException {
    Path directory = Files.createDirectories(temp.resolve("cds"));
    Instant now = Instant.now();
    for (int i = 0; i < ClassDataArchive.KEEP + 3; i++) {
      Path file = Files.writeString(directory.resolve("worker-" + i + ".jsa"), "x");
      Files.setLastModifiedTime(file, FileTime.from(now.minus(Duration.ofMinutes(i))));
    }
    Path abandoned = Files.writeString(directory.resolve("worker-x.jsa.1-2.training"), "x");
    Files.setLastModifiedTime(abandoned, FileTime.from(now.minus(Duration.ofHours(2))));
    Path running = Files.writeString(directory.resolve("worker-x.jsa.3-4.training"), "x");
    Path unrelated = Files.writeString(directory.resolve("notes.txt"), "x");
    Files.setLastModifiedTime(unrelated, FileTime.from(now.minus(Duration.ofDays(30))));

    archive().prune();

    for (int i = 0; i < ClassDataArchive.KEEP + 3; i++) {
      assertEquals(
          i < ClassDataArchive.KEEP,
          Files.exists(directory.resolve("worker-" + i + ".jsa")),
          "worker-" + i);
    }
    assertFalse(Files.exists(abandoned));
    assertTrue(Files.exists(running));
    assertTrue(Files.exists(unrelated));
  }

  @Test
  void usingAnArchiveMarksItRecentlyUsed() throws IOException {
    String classpath = jar("a.jar").toString();
    Path directory = temp.resolve("cds");
    ClassDataArchive archive =
        ClassDataArchive.forWorkers(directory, JAVA, classpath, List.of(), "pipe");
    Files.writeString(archive.archive(), "x");
    FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(3)));
    Files.setLastModifiedTime(archive.archive(), old);

    ClassDataArchive.forWorkers(directory, JAVA, classpath, List.of(), "pipe");

    assertTrue(Files.getLastModifiedTime(archive.archive()).compareTo(old) > 0);
  }

  private ClassDataArchive archive() throws IOException {
    ClassDataArchive archive =
        ClassDataArchive.forWorkers(
            temp.resolve("cds"), JAVA, jar("a.jar").toString(), List.of(), "pipe");
    assertNotNull(archive);
    return archive;
  }

  private Path jar(String name) throws IOException {
    Path jar = temp.resolve(name);
    if (!Files.exists(jar)) {
      Files.writeString(jar, "not really a jar");
    }
    return jar;
  }
}
