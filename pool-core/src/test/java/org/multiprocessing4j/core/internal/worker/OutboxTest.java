package org.multiprocessing4j.core.internal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.core.internal.wire.CallFrame;
import org.multiprocessing4j.core.internal.wire.CallsFrame;
import org.multiprocessing4j.core.internal.wire.FrameReader;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.Protocol;
import org.multiprocessing4j.core.internal.wire.SignalFrame;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.FrameHandler;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OutboxTest {
  private final RecordingChannel channel = new RecordingChannel();
  private final Outbox outbox = new Outbox(channel);

  @Test
  void aFrameSentAfterOneWayCallsGoesAfterThem() throws Exception {
    outbox.sendLater(call(1));
    outbox.sendLater(call(2));
    outbox.send(SignalFrame.ready());

    List<byte[]> frames = channel.frames;
    byte[] last = frames.get(frames.size() - 1);
    assertEquals(Protocol.READY, last[0]);
    assertEquals(List.of(1L, 2L), objectIds(frames.subList(0, frames.size() - 1)));
  }

  @Test
  void aLoneOneWayCallIsSentWithoutAnyOtherFrame() throws Exception {
    outbox.sendLater(call(7));

    assertEquals(List.of(7L), objectIds(channel.awaitFrames(1)));
  }

  @Test
  void aProducerThatFillsABatchSendsItItself() throws Exception {
    int calls = 0;
    while (channel.frames.isEmpty() && calls < 100_000) {
      FrameWriter call = call(++calls);
      call.write(new byte[1000], 0, 1000);
      outbox.sendLater(call);
    }
    assertTrue(calls < 100, "a batch holds about 64 KiB, and " + calls + " calls were gathered");
  }

  @Test
  void aLargeCallGoesAloneAfterTheBatch() throws Exception {
    outbox.sendLater(call(1));
    FrameWriter large = call(2);
    large.write(new byte[1 << 20], 0, 1 << 20);
    outbox.sendLater(large);

    List<byte[]> frames = channel.frames;
    byte[] last = frames.get(frames.size() - 1);
    assertEquals(Protocol.CALL, last[0]);
    assertEquals(CallFrame.HEADER + (1 << 20), last.length);
    assertEquals(List.of(1L), objectIds(frames.subList(0, frames.size() - 1)));
  }

  @Test
  void closeSendsWhatWasGatheredThenClosesTheChannel() throws Exception {
    outbox.sendLater(call(3));
    outbox.close();

    assertEquals(List.of(3L), objectIds(channel.frames));
    assertTrue(channel.closed);
  }

  private static FrameWriter call(long objectId) {
    return CallFrame.start(objectId, 1, 0);
  }

  /** The object ids of the calls in {@link Protocol#CALLS} frames, in order. */
  private static List<Long> objectIds(List<byte[]> batches) throws ProtocolException {
    List<Long> ids = new ArrayList<>();
    for (byte[] batch : batches) {
      FrameReader reader = CallsFrame.open(batch);
      for (FrameReader call = CallsFrame.next(reader);
          call != null;
          call = CallsFrame.next(reader)) {
        ids.add(CallFrame.objectId(batch, CallFrame.readHeader(call)));
      }
    }
    return ids;
  }

  private static final class RecordingChannel implements FrameChannel {
    final List<byte[]> frames = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    @Override
    public void start(FrameHandler handler) {}

    @Override
    public void send(byte[] frame, int length) {
      frames.add(Arrays.copyOf(frame, length));
    }

    @Override
    public void close() {
      closed = true;
    }

    List<byte[]> awaitFrames(int count) throws InterruptedException {
      while (frames.size() < count) {
        Thread.sleep(1);
      }
      return frames;
    }
  }
}
