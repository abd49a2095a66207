package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.core.internal.wire.Encoded;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;
import org.multiprocessing4j.kryo.KryoSerializerProvider;
import org.multiprocessing4j.spi.Serializer;

class ReplyTest {
  private static final Serializer SERIALIZER =
      new KryoSerializerProvider().create(ReplyTest.class.getClassLoader());

  private static Reply read(FrameWriter frame) throws ProtocolException {
    return Reply.read(Arrays.copyOf(frame.array(), frame.size()));
  }

  @Test
  void readsWhatTheOperationReturnedInOrder() throws ProtocolException {
    FrameWriter frame = ReplyFrame.start(7, ReplyFrame.OK);
    frame.writeBoolean(true).writeByte(200).writeInt(-3).writeLong(1L << 40);
    frame.writeBytes(new byte[] {1, 2});
    Encoded.write(SERIALIZER, List.of("x"), frame);
    Reply reply = read(frame);
    assertTrue(reply.isOk());
    assertTrue(reply.readBoolean());
    assertEquals(200, reply.readByte());
    assertEquals(-3, reply.readInt());
    assertEquals(1L << 40, reply.readLong());
    assertArrayEquals(new byte[] {1, 2}, reply.readBytes());
    assertEquals(List.of("x"), reply.readObject(SERIALIZER));
  }

  @Test
  void aReplyThatEndsTooSoonIsAFailureOfTheWayToTheOwner() throws ProtocolException {
    Reply reply = read(ReplyFrame.start(7, ReplyFrame.OK).writeByte(1));
    IllegalStateException garbled = assertThrows(IllegalStateException.class, reply::readInt);
    assertEquals("unreadable reply from a shared object's owner", garbled.getMessage());
    assertInstanceOf(ProtocolException.class, garbled.getCause());
    assertThrows(IllegalStateException.class, () -> reply.readObject(SERIALIZER));
  }

  @Test
  void aTimeoutIsNotOk() throws ProtocolException {
    assertFalse(read(ReplyFrame.start(7, ReplyFrame.TIMEOUT)).isOk());
  }
}
