package org.multiprocessing4j.transport.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.TransportSettings;

/** A worker's channel must close when its parent JVM dies, however it dies. */
@Timeout(30)
class ParentDeathTest {

  static List<Variant> families() {
    return Variant.families();
  }

  @ParameterizedTest
  @MethodSource("families")
  void aKilledParentClosesTheWorkersChannel(Variant variant) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process parent =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ParentProcessMain.class.getName(),
                variant.family().name())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
      byte[] parameters = HexFormat.of().parseHex(lines.readLine());
      TransportSettings settings = new TransportSettings("child", 1 << 20, Duration.ofSeconds(10));
      FrameChannel channel =
          variant
              .provider()
              .createWorkerTransport()
              .connect(
                  parameters,
                  InputStream.nullInputStream(),
                  OutputStream.nullOutputStream(),
                  settings);
      RecordingHandler atWorker = new RecordingHandler();
      channel.start(atWorker);
      assertEquals("connected", lines.readLine());

      parent.destroyForcibly();
      long killed = System.nanoTime();

      atWorker.awaitClose(Duration.ofSeconds(5));
      long noticedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
      assertTrue(noticedAfter < 2_000, "noticed after " + noticedAfter + " ms");
      System.out.printf("%s: a killed parent closed the channel in %d ms%n", variant, noticedAfter);
    } finally {
      parent.destroyForcibly();
      parent.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
