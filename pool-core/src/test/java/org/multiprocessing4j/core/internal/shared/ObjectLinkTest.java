package org.multiprocessing4j.core.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.multiprocessing4j.core.internal.wire.CallFrame;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.Protocol;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;
import org.multiprocessing4j.kryo.KryoSerializerProvider;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ObjectLinkTest {
  private static final ClassLoader LOADER = ObjectLinkTest.class.getClassLoader();

  private final ScheduledExecutorService owner = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    owner.shutdownNow();
  }

  /** A link whose owner is {@code answer}, called with each frame sent. */
  private static ObjectLink link(Consumer<byte[]> answer) {
    return new ObjectLink(new KryoSerializerProvider().create(LOADER), LOADER) {
      @Override
      protected void transmit(FrameWriter frame) {
        answer.accept(Arrays.copyOf(frame.array(), frame.size()));
      }
    };
  }

  private static byte[] reply(byte[] call, int status) {
    FrameWriter reply = ReplyFrame.start(CallFrame.callId(call, 0), status);
    return Arrays.copyOf(reply.array(), reply.size());
  }

  @Test
  void repliesLongAfterAnyCallerStopsSpinningStillWakeIt() throws Exception {
    ObjectLink[] link = new ObjectLink[1];
    link[0] =
        link(
            call ->
                owner.schedule(
                    () -> link[0].replied(reply(call, ReplyFrame.OK)), 50, TimeUnit.MILLISECONDS));
    for (int i = 0; i < 4; i++) {
      assertEquals(ReplyFrame.OK, link[0].call(CallFrame.start(1, 1, 0)).status);
    }
  }

  @Test
  void repliesGivenAtOnceAreReturned() throws Exception {
    ObjectLink[] link = new ObjectLink[1];
    link[0] = link(call -> link[0].replied(reply(call, ReplyFrame.OK)));
    for (int i = 0; i < 100; i++) {
      assertEquals(ReplyFrame.OK, link[0].callPromptly(CallFrame.start(1, 1, 0)).status);
    }
  }

  @Test
  void anInterruptedCallerCancelsItsCallAndThrows() throws Exception {
    ObjectLink[] link = new ObjectLink[1];
    link[0] =
        link(
            frame -> {
              if (frame[0] == Protocol.CALL_CANCEL) {
                link[0].replied(reply(frame, ReplyFrame.CANCELLED));
              }
            });
    CompletableFuture<Thread> caller = new CompletableFuture<>();
    owner.schedule(() -> caller.join().interrupt(), 100, TimeUnit.MILLISECONDS);
    caller.complete(Thread.currentThread());
    assertThrows(InterruptedException.class, () -> link[0].call(CallFrame.start(1, 1, 0)));
    assertFalse(Thread.currentThread().isInterrupted(), "the interrupt was consumed");
  }
}
