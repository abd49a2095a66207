package org.multiprocessing4j.transport.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.io.EOFException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FrameDecoderTest {

  private static ByteBuf frames(byte[]... payloads) {
    ByteBuf bytes = Unpooled.buffer();
    for (byte[] payload : payloads) {
      bytes.writeInt(payload.length).writeBytes(payload);
    }
    return bytes;
  }

  @Test
  void passesEachFrameOnAsAnExactLengthArray() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(100));
    ByteBuf bytes = frames(new byte[] {1, 2, 3}, new byte[0], new byte[100]);

    // One byte at a time, the hardest way for a decoder.
    while (bytes.isReadable()) {
      channel.writeInbound(bytes.readRetainedSlice(1));
    }
    bytes.release();

    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) channel.readInbound());
    assertArrayEquals(new byte[0], (byte[]) channel.readInbound());
    assertArrayEquals(new byte[100], (byte[]) channel.readInbound());
    assertNull(channel.readInbound());
    channel.finishAndReleaseAll();
  }

  @Test
  void gathersALargeFrameFromManyReads() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(10 << 20));
    byte[] payload = new byte[9 << 20];
    payload[payload.length - 1] = 9;
    ByteBuf bytes = frames(payload, new byte[] {4});

    while (bytes.isReadable()) {
      channel.writeInbound(bytes.readRetainedSlice(Math.min(65_536, bytes.readableBytes())));
    }
    bytes.release();

    assertArrayEquals(payload, (byte[]) channel.readInbound());
    assertArrayEquals(new byte[] {4}, (byte[]) channel.readInbound());
    channel.finishAndReleaseAll();
  }

  @Test
  void failsAtOnceOnALengthOverTheMaximum() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(100));

    // Only the prefix arrives: the decoder must not wait for 101 bytes to complain.
    TooLongFrameException tooLong =
        assertThrows(
            TooLongFrameException.class,
            () -> channel.writeInbound(Unpooled.buffer().writeInt(101)));
    // Counted as the sender counts them, without the prefix.
    assertEquals(
        "The peer sent a frame of 101 bytes, over the maximum frame size of 100 bytes",
        tooLong.getMessage());

    // The stream's frame boundaries are lost: what follows is discarded, not decoded.
    channel.writeInbound(Unpooled.buffer().writeInt(1).writeByte(7));
    assertNull(channel.readInbound());
    channel.finishAndReleaseAll();
  }

  @Test
  void reportsAStreamThatEndsInsideAFrame() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(100));
    channel.writeInbound(Unpooled.buffer().writeInt(10).writeBytes(new byte[4]));

    assertThrows(EOFException.class, channel::finish);
    channel.finishAndReleaseAll();
  }
}
