package org.multiprocessing4j.transport.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StartOfFramesTest {

  private static byte[] stream(String before, byte[] frames) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(before.getBytes(StandardCharsets.ISO_8859_1));
    StartOfFrames.announce(out);
    out.write(frames);
    return out.toByteArray();
  }

  @Test
  void whatTheJvmPrintedBeforeTheMarkerIsSkipped() throws Exception {
    byte[] frames = {0, 0, 0, 1, 42};
    String jfr = "[0.5s][info][jfr,startup] Started recording 1.\n\0almost\0";
    InputStream in =
        StartOfFrames.skipToFrames(new ByteArrayInputStream(stream(jfr, frames)), "w-1");
    assertArrayEquals(frames, in.readAllBytes());
  }

  @Test
  void nothingBeforeTheMarkerCostsNothing() throws Exception {
    byte[] frames = {0, 0, 0, 0};
    InputStream in = StartOfFrames.skipToFrames(new ByteArrayInputStream(stream("", frames)), "w");
    assertArrayEquals(frames, in.readAllBytes());
  }

  @Test
  void aWorkerThatNeverStartedItsFramesSaysWhatItWrote() {
    InputStream in =
        StartOfFrames.skipToFrames(
            new ByteArrayInputStream("Error: Could not find or load main class".getBytes()), "w");
    EOFException failure = assertThrows(EOFException.class, in::read);
    assertTrue(failure.getMessage().contains("Could not find or load main class"));
  }
}
