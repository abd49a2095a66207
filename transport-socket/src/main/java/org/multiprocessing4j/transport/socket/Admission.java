package org.multiprocessing4j.transport.socket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One worker's permission to connect, once: the key it must prove, and the future its channel goes
 * to. The parent holds one per announced worker; a worker holds its own.
 */
final class Admission {
  private final String workerName;
  private final byte[] key;
  private final CompletableFuture<SocketFrameChannel> channel = new CompletableFuture<>();
  private final AtomicBoolean taken = new AtomicBoolean();

  Admission(String workerName, byte[] key) {
    this.workerName = workerName;
    this.key = key;
  }

  String workerName() {
    return workerName;
  }

  byte[] key() {
    return key;
  }

  /** Completes with the authenticated channel, or fails with why the worker did not connect. */
  CompletableFuture<SocketFrameChannel> channel() {
    return channel;
  }

  /**
   * Lets one connection, whose proof is valid, have this admission.
   *
   * @return {@code false} if another connection took it first or nobody waits for it any more
   */
  boolean take() {
    return !channel.isDone() && taken.compareAndSet(false, true);
  }

  /** Hands over the authenticated channel, or closes it if nobody waits for it any more. */
  void connected(SocketFrameChannel authenticated) {
    if (!channel.complete(authenticated)) {
      authenticated.close();
    }
  }
}
