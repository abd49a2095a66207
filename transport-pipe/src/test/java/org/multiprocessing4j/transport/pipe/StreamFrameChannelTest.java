package org.multiprocessing4j.transport.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ProtocolException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.spi.FrameHandler;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamFrameChannelTest {

  /** Records frames and the close. */
  static final class Recorder implements FrameHandler {
    final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    final List<Throwable> closes = new CopyOnWriteArrayList<>();

    @Override
    public void onFrame(byte[] frame) {
      frames.add(frame);
    }

    @Override
    public void onClose(Throwable cause) {
      closes.add(cause == null ? new Throwable("clean") : cause);
      closed.complete(cause);
    }
  }

  /** An input that never delivers anything, so the channel stays open. */
  private static PipedInputStream silentInput() throws IOException {
    return new PipedInputStream(new PipedOutputStream());
  }

  private static byte[] framed(int length, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(length >>> 24);
    out.write(length >>> 16);
    out.write(length >>> 8);
    out.write(length);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  @Test
  void framesCrossInOrderIncludingLargeOnes() throws Exception {
    PipedInputStream aIn = new PipedInputStream(1 << 16);
    PipedOutputStream bOut = new PipedOutputStream(aIn);
    PipedInputStream bIn = new PipedInputStream(1 << 16);
    PipedOutputStream aOut = new PipedOutputStream(bIn);
    StreamFrameChannel a = new StreamFrameChannel(aIn, aOut, 8 << 20, "a");
    StreamFrameChannel b = new StreamFrameChannel(bIn, bOut, 8 << 20, "b");
    Recorder atB = new Recorder();
    a.start(new Recorder());
    b.start(atB);
    for (int i = 0; i < 1000; i++) {
      byte[] frame = Integer.toString(i).getBytes();
      a.send(frame, frame.length);
    }
    byte[] big = new byte[5 << 20];
    big[big.length - 1] = 42;
    a.send(big, big.length);
    for (int i = 0; i < 1000; i++) {
      assertEquals(Integer.toString(i), new String(atB.frames.take()));
    }
    assertArrayEquals(big, atB.frames.take());
    a.close();
    assertNull(atB.closed.get(10, TimeUnit.SECONDS));
    b.close();
    assertEquals(1, atB.closes.size());
  }

  @Test
  void onlyTheFirstFramesWorthOfLengthIsSentWhenTheSenderSaysSo() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    StreamFrameChannel channel = new StreamFrameChannel(silentInput(), sink, 1024, "t");
    channel.start(new Recorder());
    channel.send(new byte[] {1, 2, 3, 99, 99}, 3);
    channel.close();
    assertArrayEquals(framed(3, new byte[] {1, 2, 3}), sink.toByteArray());
  }

  @Test
  void oversizedLengthPrefixIsAClearErrorNamingTheBytes() throws Exception {
    Recorder recorder = new Recorder();
    StreamFrameChannel channel =
        new StreamFrameChannel(
            new ByteArrayInputStream("hello world".getBytes()),
            new ByteArrayOutputStream(),
            1024,
            "w");
    channel.start(recorder);
    ProtocolException failure =
        assertInstanceOf(ProtocolException.class, recorder.closed.get(10, TimeUnit.SECONDS));
    assertTrue(failure.getMessage().contains("\"hell\""), failure.getMessage());
    assertTrue(failure.getMessage().contains("outside the protocol"), failure.getMessage());
  }

  @Test
  void streamEndingMidFrameIsReported() throws Exception {
    Recorder recorder = new Recorder();
    StreamFrameChannel channel =
        new StreamFrameChannel(
            new ByteArrayInputStream(framed(10, new byte[] {1, 2})),
            new ByteArrayOutputStream(),
            1024,
            "w");
    channel.start(recorder);
    assertInstanceOf(EOFException.class, recorder.closed.get(10, TimeUnit.SECONDS));
  }

  @Test
  void sendingToAClosedChannelOrOverTheLimitFails() throws Exception {
    StreamFrameChannel channel =
        new StreamFrameChannel(silentInput(), new ByteArrayOutputStream(), 1024, "t");
    channel.start(new Recorder());
    assertThrows(IllegalArgumentException.class, () -> channel.send(new byte[2048], 2048));
    channel.close();
    assertThrows(IOException.class, () -> channel.send(new byte[1], 1));
  }
}
