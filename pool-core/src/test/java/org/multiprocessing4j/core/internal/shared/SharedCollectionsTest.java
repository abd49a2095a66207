package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.core.internal.wire.CallFrame;
import org.multiprocessing4j.core.internal.wire.Encoded;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;
import org.multiprocessing4j.kryo.KryoSerializerProvider;
import org.multiprocessing4j.spi.Serializer;

/** The host side of shared maps and lists, called as a child would. */
class SharedCollectionsTest {
  private static final ClassLoader LOADER = SharedCollectionsTest.class.getClassLoader();
  private static final Serializer SERIALIZER = new KryoSerializerProvider().create(LOADER);

  private final RecordingCaller caller = new RecordingCaller("child");

  private static FrameWriter args(int operation, Object... values) {
    FrameWriter frame = CallFrame.start(0, operation, 64);
    for (Object value : values) {
      Encoded.write(SERIALIZER, value, frame);
    }
    return frame;
  }

  @Test
  void aListReplacesItsContentOnlyIfNothingChangedSinceTheSnapshot() throws Exception {
    SharedList list = new SharedList(SERIALIZER);
    caller.call(list, args(Operations.List.ADD, "a"));
    long version =
        caller
            .reply(caller.call(list, CallFrame.start(0, Operations.Collection.SNAPSHOT, 0)))
            .payload
            .readLong();

    FrameWriter stale =
        CallFrame.start(0, Operations.List.REPLACE_ALL_IF_UNCHANGED, 64).writeLong(version);
    stale.writeInt(1);
    Encoded.write(SERIALIZER, "b", stale);
    caller.call(list, args(Operations.List.ADD, "c"));
    assertFalse(caller.reply(caller.call(list, stale)).payload.readBoolean());

    Reply snapshot =
        caller.reply(caller.call(list, CallFrame.start(0, Operations.Collection.SNAPSHOT, 0)));
    long current = snapshot.payload.readLong();
    assertEquals(2, snapshot.payload.readInt());
    FrameWriter fresh =
        CallFrame.start(0, Operations.List.REPLACE_ALL_IF_UNCHANGED, 64).writeLong(current);
    fresh.writeInt(1);
    Encoded.write(SERIALIZER, "b", fresh);
    assertTrue(caller.reply(caller.call(list, fresh)).payload.readBoolean());
    Reply size = caller.reply(caller.call(list, CallFrame.start(0, Operations.Collection.SIZE, 0)));
    assertEquals(1, size.payload.readInt());
  }

  @Test
  void anIndexOutOfRangeIsAnsweredWithTheSize() throws Exception {
    SharedList list = new SharedList(SERIALIZER);
    list.addEncoded(Encoded.bytes(SERIALIZER, 1));
    Reply reply =
        caller.reply(caller.call(list, CallFrame.start(0, Operations.List.GET, 4).writeInt(1)));
    assertEquals(ReplyFrame.OK, reply.status);
    assertFalse(reply.payload.readBoolean());
    assertEquals(1, reply.payload.readInt());
  }

  @Test
  void aKeyTheOwnerCannotDecodeIsRefusedWithTheReason() throws Exception {
    Serializer blind = mock(Serializer.class);
    when(blind.deserialize(any(), anyInt(), anyInt()))
        .thenThrow(new SerializationException("class Key not found", null));
    SharedMap map = new SharedMap(blind);
    // A list key goes through the serializer; strings and numbers are encoded without it.
    Reply reply = caller.reply(caller.call(map, args(Operations.Map.PUT, List.of("k"), "v")));
    assertEquals(ReplyFrame.REFUSED, reply.status);
    String message = reply.payload.readString();
    assertTrue(message.contains("cannot be deserialized in the process that owns"), message);
    assertTrue(message.contains("class Key not found"), message);
  }

  @Test
  void closedCollectionsAnswerClosedAndHoldNothing() throws Exception {
    SharedMap map = new SharedMap(SERIALIZER);
    SharedList list = new SharedList(SERIALIZER);
    caller.call(map, args(Operations.Map.PUT, "k", "v"));
    map.close();
    list.close();
    Reply closed = caller.reply(caller.call(map, args(Operations.Map.GET, "k")));
    assertEquals(ReplyFrame.CLOSED, closed.status);
    assertEquals(SharedObject.CLOSED_MESSAGE, closed.payload.readString());
    assertEquals(
        ReplyFrame.CLOSED, caller.status(caller.call(list, args(Operations.List.ADD, "x"))));
  }

  @Test
  void aGarbledCountIsRefusedBeforeAnythingIsAllocated() throws Exception {
    SharedMap map = new SharedMap(SERIALIZER);
    FrameWriter garbled = CallFrame.start(0, Operations.Map.PUT_ALL, 4).writeInt(Integer.MAX_VALUE);
    Reply reply = caller.reply(caller.call(map, garbled));
    assertEquals(ReplyFrame.REFUSED, reply.status);
    String message = reply.payload.readString();
    assertTrue(message.contains("a count of " + Integer.MAX_VALUE), message);
  }

  @Test
  void anUnknownOperationIsRefused() throws Exception {
    Reply reply = caller.reply(caller.call(new SharedList(SERIALIZER), 99));
    assertEquals(ReplyFrame.REFUSED, reply.status);
    assertEquals("unreadable list call: unknown list operation 99", reply.payload.readString());
  }
}
