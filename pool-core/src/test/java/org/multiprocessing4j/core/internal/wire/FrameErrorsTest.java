package org.multiprocessing4j.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.multiprocessing4j.core.internal.wire.FrameRoundTripTest.bytes;

import java.net.ProtocolException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A frame of an unknown type, or one that ends too soon, is a protocol error that says so. */
class FrameErrorsTest {
  private static final ValuesCodec VALUES = FrameRoundTripTest.VALUES;
  private static final FailureCodec FAILURES = FrameRoundTripTest.FAILURES;

  /** What reading one frame does: its class's read, and the fields it reads later. */
  private interface Read {
    void read(byte[] frame) throws Exception;
  }

  /** Every proper prefix of {@code frame} fails to read, naming the frame and what was short. */
  private static void everyPrefixIsTruncated(byte[] frame, String name, Read read)
      throws Exception {
    everyPrefixIsTruncated(frame, name, 1, read);
  }

  /** As above, for the prefixes of at least {@code shortest} bytes. */
  private static void everyPrefixIsTruncated(byte[] frame, String name, int shortest, Read read)
      throws Exception {
    read.read(frame);
    for (int length = shortest; length < frame.length; length++) {
      byte[] prefix = Arrays.copyOf(frame, length);
      ProtocolException failure =
          assertThrows(ProtocolException.class, () -> read.read(prefix), name + " of " + length);
      String message = failure.getMessage();
      assertTrue(message.contains(name + " frame"), message);
      assertTrue(message.contains("truncated") || message.contains("garbled"), message);
    }
  }

  @Test
  void truncatedTask() throws Exception {
    FrameWriter writer = new FrameWriter(16);
    TaskFrame.write(writer, 42, 5, new byte[] {1, 2, 3}, VALUES, new Object[] {1, 2});
    byte[] frame = bytes(writer);
    int itemsOffset = TaskFrame.read(frame).itemsOffset();
    everyPrefixIsTruncated(Arrays.copyOf(frame, itemsOffset + 1), "TASK", TaskFrame::read);

    ProtocolException noLength =
        assertThrows(ProtocolException.class, () -> TaskFrame.read(Arrays.copyOf(frame, 13)));
    assertEquals(
        "truncated TASK frame: its function's length needs 4 bytes at offset 13 but the frame"
            + " has 13",
        noLength.getMessage());
  }

  @Test
  void truncatedResult() throws Exception {
    everyPrefixIsTruncated(
        FrameRoundTripTest.result(
            42,
            99,
            new Object[] {1, 2},
            List.of(0, 1),
            List.of(new IllegalStateException("a"), new IllegalStateException("b"))),
        "RESULT",
        frame -> {
          ResultFrame result = ResultFrame.read(frame);
          result.values(VALUES);
          int count = result.failureCount();
          result.readFailures(FAILURES, new int[count], new Throwable[count]);
        });
  }

  @Test
  void truncatedIdFramesAndHello() throws Exception {
    everyPrefixIsTruncated(
        bytes(TaskIdFrame.cancel(7)), "CANCEL", frame -> TaskIdFrame.read(frame, Protocol.CANCEL));
    everyPrefixIsTruncated(
        bytes(TaskIdFrame.cancelled(7)),
        "CANCELLED",
        frame -> TaskIdFrame.read(frame, Protocol.CANCELLED));
    everyPrefixIsTruncated(
        bytes(new HelloFrame(1, "fingerprint", "17").write()), "HELLO", HelloFrame::read);
    ProtocolException pid =
        assertThrows(
            ProtocolException.class,
            () -> HelloFrame.read(Arrays.copyOf(bytes(new HelloFrame(1, "f", "17").write()), 5)));
    assertTrue(pid.getMessage().contains("its pid needs 8 bytes"), pid.getMessage());
  }

  @Test
  void truncatedInitFailed() throws Exception {
    everyPrefixIsTruncated(
        bytes(InitFailedFrame.write(FAILURES, new IllegalStateException("x"))),
        "INIT_FAILED",
        frame -> InitFailedFrame.read(FAILURES, frame));
  }

  @Test
  void truncatedCallsAndReplies() throws Exception {
    everyPrefixIsTruncated(
        bytes(CallFrame.start(1, Operations.Queue.SIZE, 0)),
        "CALL",
        frame -> CallFrame.readHeader(new FrameReader(frame)));
    FrameWriter call = CallFrame.start(1, Operations.Queue.SIZE, 0);
    everyPrefixIsTruncated(
        bytes(CallFrame.cancel(call, 3)),
        "CALL_CANCEL",
        frame -> CallFrame.readHeader(new FrameReader(frame)));
    everyPrefixIsTruncated(
        bytes(ReplyFrame.start(3, ReplyFrame.OK, 0)),
        "REPLY",
        frame -> {
          ReplyFrame.callId(frame);
          ReplyFrame.open(frame);
        });
    FrameWriter batch = CallsFrame.start(call.size());
    CallsFrame.append(batch, call);
    // A batch of its type alone holds no call; any longer prefix ends inside one.
    everyPrefixIsTruncated(
        bytes(batch),
        "CALLS",
        2,
        frame -> {
          FrameReader calls = CallsFrame.open(frame);
          while (CallsFrame.next(calls) != null) {
            // Each call is read in place by its object.
          }
        });
  }

  @Test
  void anEmptyFrameHasNoType() {
    ProtocolException empty =
        assertThrows(ProtocolException.class, () -> Protocol.type(new byte[0]));
    assertTrue(empty.getMessage().contains("empty frame"), empty.getMessage());
  }

  @Test
  void anUnknownTypeIsNamedWithWhoReadIt() {
    ProtocolException unknown = Protocol.unknownType(99, "a worker");
    assertTrue(unknown.getMessage().startsWith("unknown frame type 99"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("for a worker"), unknown.getMessage());
    ProtocolException notACall =
        assertThrows(
            ProtocolException.class,
            () -> CallFrame.readHeader(new FrameReader(new byte[] {99, 0, 0})));
    assertTrue(notACall.getMessage().startsWith("unknown frame type 99"), notACall.getMessage());
  }

  @Test
  void aFrameOfAnotherTypeIsNotReadAsThisOne() throws Exception {
    byte[] cancel = bytes(TaskIdFrame.cancel(7));
    Executable asTask = () -> TaskFrame.read(cancel);
    ProtocolException wrong = assertThrows(ProtocolException.class, asTask);
    assertEquals("a CANCEL frame (type 4) read as TASK", wrong.getMessage());
    assertThrows(ProtocolException.class, () -> TaskIdFrame.read(cancel, Protocol.CANCELLED));
    assertThrows(ProtocolException.class, () -> ResultFrame.read(cancel));
    assertThrows(ProtocolException.class, () -> HelloFrame.read(cancel));
    assertThrows(ProtocolException.class, () -> ReplyFrame.open(cancel));
    assertThrows(ProtocolException.class, () -> CallsFrame.open(cancel));
  }
}
