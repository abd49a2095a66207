package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.spi.Serializer;

/** Large arrays: streamed in bounded slices, without extra copies, and never flushed. */
class LargePayloadTest {
  private static final Serializer SERIALIZER = Serializers.fromProvider();

  /** Takes everything into one preallocated array and remembers how it was written to. */
  static final class RecordingStream extends OutputStream {
    final byte[] buffer;
    int size;
    int largestWrite;
    int flushes;

    RecordingStream(int capacity) {
      buffer = new byte[capacity];
    }

    @Override
    public void write(int b) {
      buffer[size++] = (byte) b;
      largestWrite = Math.max(largestWrite, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      System.arraycopy(bytes, offset, buffer, size, length);
      size += length;
      largestWrite = Math.max(largestWrite, length);
    }

    @Override
    public void flush() {
      flushes++;
    }
  }

  @Test
  void byteArrayOf64MiBGoesStraightToTheStreamInSlicesOf1MiB() throws IOException {
    byte[] payload = new byte[64 << 20];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31 + (i >>> 16));
    }
    RecordingStream out = new RecordingStream(payload.length + 1024);

    SERIALIZER.serialize(payload, out);
    byte[] copy = (byte[]) SERIALIZER.deserialize(out.buffer, 0, out.size);

    assertArrayEquals(payload, copy);
    assertEquals(StreamingByteArraySerializer.MAX_WRITE, out.largestWrite);
    assertEquals(0, out.flushes, "flushing is the transport's decision");
  }

  @Test
  void largeDoubleArrayIsStreamedThroughTheBuffer() throws IOException {
    double[] payload = new double[4 << 20];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = i * 0.5 - 3;
    }
    RecordingStream out = new RecordingStream(payload.length * Double.BYTES + 1024);

    SERIALIZER.serialize(payload, out);
    double[] copy = (double[]) SERIALIZER.deserialize(out.buffer, 0, out.size);

    assertArrayEquals(payload, copy);
    assertTrue(out.largestWrite <= PooledKryo.BUFFER_SIZE, "largest write " + out.largestWrite);
    assertEquals(0, out.flushes, "flushing is the transport's decision");
  }
}
