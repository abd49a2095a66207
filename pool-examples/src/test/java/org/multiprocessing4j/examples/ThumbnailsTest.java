package org.multiprocessing4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's pieces in this JVM: scaling, the generated images, and their reuse. */
class ThumbnailsTest {

  @Test
  void scalingFitsTheBoxAndKeepsTheAspectRatio() {
    BufferedImage thumbnail =
        Thumbnails.scaleToFit(new BufferedImage(1024, 768, BufferedImage.TYPE_3BYTE_BGR), 75);
    assertEquals(List.of(75, 56), List.of(thumbnail.getWidth(), thumbnail.getHeight()));
    BufferedImage portrait =
        Thumbnails.scaleToFit(new BufferedImage(300, 1000, BufferedImage.TYPE_INT_RGB), 75);
    assertEquals(List.of(23, 75), List.of(portrait.getWidth(), portrait.getHeight()));
  }

  @Test
  void aHalvingAveragesEachTwoByTwoBlock() {
    SplittableRandom random = new SplittableRandom(7);
    BufferedImage image = new BufferedImage(150, 100, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 150; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    BufferedImage half = Thumbnails.scaleToFit(image, 75);
    assertEquals(List.of(75, 50), List.of(half.getWidth(), half.getHeight()));
    for (int y = 0; y < 50; y++) {
      for (int x = 0; x < 75; x++) {
        for (int shift : new int[] {16, 8, 0}) {
          int sum = 0;
          for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
              sum += image.getRGB(2 * x + dx, 2 * y + dy) >> shift & 255;
            }
          }
          assertEquals((sum + 2) / 4, half.getRGB(x, y) >> shift & 255, x + "," + y);
        }
      }
    }
  }

  @Test
  void imagesAreTheSameEveryTimeAndGeneratedOnlyWhenMissing(@TempDir Path dir) throws Exception {
    List<Path> images = Thumbnails.images(dir, 3);
    assertEquals(3, images.size());
    assertTrue(Files.isDirectory(dir.resolve("thumbs")));
    BufferedImage first = ImageIO.read(images.get(0).toFile());
    assertEquals(List.of(1024, 768), List.of(first.getWidth(), first.getHeight()));
    assertEquals(Thumbnails.generate(1).getRGB(500, 300), Thumbnails.generate(1).getRGB(500, 300));
    assertNotEquals(
        Thumbnails.generate(1).getRGB(500, 300), Thumbnails.generate(2).getRGB(500, 300));

    FileTime old = FileTime.fromMillis(0);
    Files.setLastModifiedTime(images.get(0), old);
    Thumbnails.images(dir, 3);
    assertEquals(old, Files.getLastModifiedTime(images.get(0)), "a complete folder is reused");

    Thumbnails.images(dir, 4);
    assertNotEquals(old, Files.getLastModifiedTime(images.get(0)), "another count regenerates");
    assertTrue(Files.isRegularFile(dir.resolve("image-0003.jpeg")));
  }
}
