package org.multiprocessing4j.examples;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.multiprocessing4j.Pool;
import org.multiprocessing4j.ResultIterator;

/**
 * The demo, seed 001's thumbnail job on real work: 75x75 thumbnails (Pillow's {@code thumbnail((75,
 * 75))}: fit in the box, keep the aspect ratio) of a folder of JPEGs, first serially in this JVM,
 * then with {@code imapUnordered} on a pool of worker JVMs, and the speedup. Each task takes a
 * path; it reads the JPEG, scales it by halving and a last bilinear step, and writes the thumbnail
 * as a JPEG into {@code thumbs/} beside it. The images are generated once (gradients, shapes and
 * noise, the same on every run) and reused while their folder is complete.
 *
 * <pre>
 * Thumbnails [--images DIR] [--count N] [--processes N] [--no-serial]
 * </pre>
 *
 * <p>{@code --images} defaults to {@code multiprocessing4j-thumbnails} in {@code java.io.tmpdir}
 * (README's demo passes {@code pool-examples/target/thumbnail-images}), {@code --count} to 300,
 * {@code --processes} to the number of cores.
 *
 * <p>The pool's time starts when {@code build()} returns, so it includes the worker JVMs' start and
 * their cold JIT, as the serial pass includes this JVM's.
 */
public final class Thumbnails {
  private Thumbnails() {}

  static final int BOX = 75;
  static final int WIDTH = 1024;
  static final int HEIGHT = 768;
  private static final String COMPLETE = ".complete";

  /** One task: the thumbnail of the JPEG at {@code path}, written to {@code thumbs/}. */
  static String createThumbnail(String path) throws IOException {
    Path source = Path.of(path);
    BufferedImage image = ImageIO.read(source.toFile());
    if (image == null) {
      throw new IOException("not an image ImageIO can read: " + path);
    }
    Path target = source.resolveSibling("thumbs").resolve(source.getFileName());
    if (!ImageIO.write(scaleToFit(image, BOX), "jpeg", target.toFile())) {
      throw new IOException("no JPEG writer in this JVM");
    }
    return target.toString();
  }

  /**
   * Scales {@code image} to fit in a {@code box} square, keeping its aspect ratio: halvings while
   * the image is at least twice the target, each pixel the mean of a 2x2 block (so that every
   * source pixel counts, as in Pillow's reduce), then one bilinear step to the exact size.
   */
  static BufferedImage scaleToFit(BufferedImage image, int box) {
    double scale = Math.min((double) box / image.getWidth(), (double) box / image.getHeight());
    int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
    BufferedImage current = intRgb(image);
    while (current.getWidth() >= 2 * width && current.getHeight() >= 2 * height) {
      current = halve(current);
    }
    return current.getWidth() == width && current.getHeight() == height
        ? current
        : bilinear(current, width, height);
  }

  /** The image as TYPE_INT_RGB, whose pixels {@link #halve} reads directly. */
  private static BufferedImage intRgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }

  /**
   * Half the width and height, each pixel the rounded mean of a 2x2 block. By hand: Graphics2D's
   * bilinear scaling of a full-size image took about 25 ms here, this about 2.
   */
  private static BufferedImage halve(BufferedImage image) {
    int sourceWidth = image.getWidth();
    int width = sourceWidth / 2;
    int height = image.getHeight() / 2;
    int[] in = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    BufferedImage half = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] out = ((DataBufferInt) half.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < height; y++) {
      int top = 2 * y * sourceWidth;
      int bottom = top + sourceWidth;
      for (int x = 0; x < width; x++) {
        int a = in[top + 2 * x];
        int b = in[top + 2 * x + 1];
        int c = in[bottom + 2 * x];
        int d = in[bottom + 2 * x + 1];
        int r = ((a >> 16 & 255) + (b >> 16 & 255) + (c >> 16 & 255) + (d >> 16 & 255) + 2) >> 2;
        int g = ((a >> 8 & 255) + (b >> 8 & 255) + (c >> 8 & 255) + (d >> 8 & 255) + 2) >> 2;
        int bl = ((a & 255) + (b & 255) + (c & 255) + (d & 255) + 2) >> 2;
        out[y * width + x] = r << 16 | g << 8 | bl;
      }
    }
    return half;
  }

  private static BufferedImage bilinear(BufferedImage image, int width, int height) {
    BufferedImage resized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = resized.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return resized;
  }

  /**
   * The {@code count} JPEGs in {@code folder}, generated unless a previous run completed them, and
   * an empty-or-existing {@code thumbs/} beside them.
   */
  static List<Path> images(Path folder, int count) throws IOException {
    Path marker = folder.resolve(COMPLETE);
    String expected = count + " images of " + WIDTH + "x" + HEIGHT + ", generator 1";
    List<Path> paths =
        IntStream.range(0, count)
            .mapToObj(i -> folder.resolve(String.format("image-%04d.jpeg", i)))
            .toList();
    Files.createDirectories(folder.resolve("thumbs"));
    if (Files.isRegularFile(marker)
        && Files.readString(marker, StandardCharsets.UTF_8).equals(expected)) {
      return paths;
    }
    Files.deleteIfExists(marker);
    System.out.printf("Generating %d JPEGs of %dx%d in %s (once)%n", count, WIDTH, HEIGHT, folder);
    ProgressLines progress = progress("generating", count);
    for (int i = 0; i < count; i++) {
      if (!ImageIO.write(generate(i), "jpeg", paths.get(i).toFile())) {
        throw new IOException("no JPEG writer in this JVM");
      }
      progress.advance();
    }
    Files.writeString(marker, expected, StandardCharsets.UTF_8);
    return paths;
  }

  /** Image {@code index}: a diagonal gradient, a few soft discs, and noise, all from the index. */
  static BufferedImage generate(int index) {
    SplittableRandom random = new SplittableRandom(index);
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    int[] from = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
    int[] to = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
    int discs = 3 + random.nextInt(4);
    int[][] disc = new int[discs][];
    for (int d = 0; d < discs; d++) {
      disc[d] =
          new int[] {
            random.nextInt(WIDTH),
            random.nextInt(HEIGHT),
            40 + random.nextInt(200),
            random.nextInt(256),
            random.nextInt(256),
            random.nextInt(256)
          };
    }
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        double t = (x + y) / (double) (WIDTH + HEIGHT);
        double r = from[0] + (to[0] - from[0]) * t;
        double g = from[1] + (to[1] - from[1]) * t;
        double b = from[2] + (to[2] - from[2]) * t;
        for (int[] c : disc) {
          long dx = x - c[0];
          long dy = y - c[1];
          long radius = c[2];
          if (dx * dx + dy * dy < radius * radius) {
            r = (r + c[3]) / 2;
            g = (g + c[4]) / 2;
            b = (b + c[5]) / 2;
          }
        }
        int noise = random.nextInt(33) - 16;
        pixels[y * WIDTH + x] = rgb(r + noise, g + noise, b + noise);
      }
    }
    return image;
  }

  private static int rgb(double r, double g, double b) {
    return channel(r) << 16 | channel(g) << 8 | channel(b);
  }

  private static int channel(double value) {
    return (int) Math.max(0, Math.min(255, value));
  }

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(System.getProperty("java.io.tmpdir"), "multiprocessing4j-thumbnails");
    int count = 300;
    int processes = Runtime.getRuntime().availableProcessors();
    boolean serial = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--images" -> folder = Path.of(value(args, ++i));
        case "--count" -> count = positive(args, ++i);
        case "--processes" -> processes = positive(args, ++i);
        case "--no-serial" -> serial = false;
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; the options are --images DIR, --count N, --processes N, --no-serial");
      }
    }
    System.setProperty("java.awt.headless", "true");
    List<String> paths = images(folder, count).stream().map(Path::toString).toList();
    System.out.printf(
        "Thumbnail job (seed 001): %d JPEGs of %dx%d in %s, thumbnails that fit in %dx%d into"
            + " %s%n",
        count, WIDTH, HEIGHT, folder, BOX, BOX, folder.resolve("thumbs"));

    double serialSeconds = serial ? serially(paths) : Double.NaN;
    if (serial) {
      report("serial, this JVM", count, serialSeconds, "");
    }
    double poolSeconds = onPool(paths, processes);
    report(
        "pool of " + processes + " worker JVMs",
        count,
        poolSeconds,
        " (timed from build(): worker start included)");
    if (serial) {
      System.out.printf("speedup: %.2fx%n", serialSeconds / poolSeconds);
    }
  }

  /** The job in this JVM, one image after the other; returns the seconds it took. */
  static double serially(List<String> paths) throws IOException {
    ProgressLines progress = progress("serial", paths.size());
    long start = System.nanoTime();
    for (String path : paths) {
      createThumbnail(path);
      progress.advance();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * The job on a new pool, results taken as they complete; returns the seconds from {@code build()}
   * to the last result. No warm-up: the first tasks wait for the workers' start.
   */
  static double onPool(List<String> paths, int processes) {
    try (Pool pool =
        Pool.builder().processes(processes).jvmOptions("-Djava.awt.headless=true").build()) {
      long start = System.nanoTime();
      ProgressLines progress = progress("pool", paths.size());
      try (ResultIterator<String> thumbnails =
          pool.imapUnordered(Thumbnails::createThumbnail, paths)) {
        while (thumbnails.hasNext()) {
          thumbnails.next();
          progress.advance();
        }
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /** Where the demo's progress is shown: the one place a progress bar plugs in. */
  private static ProgressLines progress(String label, int total) {
    return new ProgressLines(label, total, System.err);
  }

  private static void report(String label, int count, double seconds, String note) {
    System.out.printf(
        "%-24s %d images in %.2f s = %.1f images/s%s%n",
        label + ":", count, seconds, count / seconds, note);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int positive(String[] args, int i) {
    String text = value(args, i);
    try {
      int n = Integer.parseInt(text);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below, which names the option
    }
    throw new IllegalArgumentException(args[i - 1] + " needs a positive whole number, got " + text);
  }
}
