package org.multiprocessing4j.core.internal.shared;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.multiprocessing4j.core.internal.wire.CallFrame;
import org.multiprocessing4j.core.internal.wire.FailureCodec;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;
import org.multiprocessing4j.spi.Serializer;

/**
 * How proxies in one JVM reach the JVM where their objects live: calls go out, replies come back
 * and wake their callers. A caller interrupted while waiting cancels its call and then waits for
 * the answer to the cancel, so that what the call took (a queue item, a lock) is never lost: if it
 * was already done, the caller gets its result with its interrupt status set.
 */
public abstract class ObjectLink {
  /**
   * How long a caller spins for its reply before it parks. On a virtual machine a parked thread's
   * CPU may halt, and waking it takes longer than a whole call to a child (2 vCPUs, pipe, a child
   * putting into a shared map: 8,000 calls/s parked, 40,000 spinning); but where CPUs are short, a
   * spinning caller takes the time that the threads carrying its reply need (the same with four
   * busy processes besides: 5,000 calls/s always spinning, 25,000 parked). So callers spin only
   * while spinning pays: after a spin that ended without the reply, the next calls park at once,
   * twice as many after each such spin in a row (then: 20,000).
   */
  private static final long SPIN_NANOS =
      Runtime.getRuntime().availableProcessors() > 1 ? 100_000 : 0;

  /** At most 2^this calls park at once after spins that ended without the reply. */
  private static final int MAX_BACKOFF = 6;

  private final AtomicLong callIds = new AtomicLong();
  private final Map<Long, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();
  private final Serializer serializer;
  private final FailureCodec failures;
  private volatile String closedBecause;

  // Racy on purpose: they only steer a guess.
  private volatile int spinsMissed;
  private volatile int callsToPark;

  public ObjectLink(Serializer serializer, ClassLoader classLoader) {
    this.serializer = serializer;
    this.failures = new FailureCodec(serializer, classLoader);
  }

  /** Sends a call or cancel frame toward the objects' JVM, in order with earlier ones. */
  protected abstract void transmit(FrameWriter frame) throws IOException;

  /**
   * Sends a one-way call, in order with earlier frames, but possibly later, with others: a link may
   * gather one-way calls, as long as any frame it transmits goes after them.
   */
  protected void transmitLater(FrameWriter frame) throws IOException {
    transmit(frame);
  }

  Serializer serializer() {
    return serializer;
  }

  FailureCodec failures() {
    return failures;
  }

  /**
   * Sends {@code call} (started with {@link CallFrame#start}) and waits for its reply.
   *
   * @throws InterruptedException if interrupted before the call was done; it was cancelled
   * @throws IllegalStateException if the link is closed
   */
  Reply call(FrameWriter call) throws InterruptedException {
    long id = callIds.incrementAndGet();
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    waiting.put(id, reply);
    try {
      CallFrame.setCallId(call, id);
      transmitOrThrow(call);
      try {
        spinBriefly(reply);
        return Reply.read(reply.get());
      } catch (InterruptedException interrupted) {
        transmitOrThrow(CallFrame.cancel(call, id));
        Reply answer = Reply.read(awaitUninterruptibly(reply));
        if (answer.status == ReplyFrame.CANCELLED) {
          throw interrupted;
        }
        Thread.currentThread().interrupt();
        return answer;
      }
    } catch (ExecutionException closed) {
      throw new IllegalStateException(closed.getCause().getMessage(), closed.getCause());
    } catch (IOException unreadable) {
      throw new IllegalStateException("unreadable reply from a shared object's owner", unreadable);
    } finally {
      waiting.remove(id);
    }
  }

  /**
   * Sends a call that the owner answers at once and waits for the reply without giving up on
   * interrupt (the interrupt status is kept): for operations that never wait, like {@code size}.
   */
  Reply callPromptly(FrameWriter call) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return call(call);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Sends a one-way call (started with {@link CallFrame#start}); its effects follow in order. */
  void oneWay(FrameWriter call) {
    transmitOrThrow(call, true);
  }

  /**
   * A reply arrived: wakes its caller. Replies to calls nobody waits for are dropped; a reply too
   * garbled to name its call closes the link, since its caller would wait forever.
   */
  public void replied(byte[] frame) {
    long callId;
    try {
      callId = ReplyFrame.callId(frame);
    } catch (ProtocolException garbled) {
      closed("unreadable reply from a shared object's owner: " + garbled.getMessage());
      return;
    }
    CompletableFuture<byte[]> caller = waiting.remove(callId);
    if (caller != null) {
      caller.complete(frame);
    }
  }

  /** The way to the owner is gone: every waiting and later call fails with {@code why}. */
  public void closed(String why) {
    closedBecause = why;
    IllegalStateException failure = new IllegalStateException(why);
    for (CompletableFuture<byte[]> caller : waiting.values()) {
      caller.completeExceptionally(failure);
    }
  }

  private void transmitOrThrow(FrameWriter frame) {
    transmitOrThrow(frame, false);
  }

  private void transmitOrThrow(FrameWriter frame, boolean later) {
    String why = closedBecause;
    if (why != null) {
      throw new IllegalStateException(why);
    }
    try {
      if (later) {
        transmitLater(frame);
      } else {
        transmit(frame);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot reach the process that owns the shared object: " + e.getMessage(), e);
    }
  }

  /** Waits for {@code reply} without parking, for as long as that has paid lately. */
  private void spinBriefly(CompletableFuture<byte[]> reply) {
    int parkNow = callsToPark;
    if (parkNow > 0) {
      callsToPark = parkNow - 1;
      return;
    }
    long deadline = System.nanoTime() + SPIN_NANOS;
    while (!reply.isDone()) {
      if (System.nanoTime() - deadline >= 0) {
        int missed = Math.min(spinsMissed + 1, MAX_BACKOFF);
        spinsMissed = missed;
        callsToPark = 1 << missed;
        return;
      }
      Thread.onSpinWait();
    }
    spinsMissed = 0;
  }

  private static byte[] awaitUninterruptibly(CompletableFuture<byte[]> reply)
      throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return reply.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
