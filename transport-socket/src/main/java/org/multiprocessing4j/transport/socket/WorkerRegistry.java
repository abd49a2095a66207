package org.multiprocessing4j.transport.socket;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.multiprocessing4j.spi.WorkerProcess;

/**
 * The workers a parent transport expects. Announcing a worker gives it a fresh key; the worker may
 * then connect once, and {@link #await} waits for that connection.
 */
final class WorkerRegistry {
  private final ConcurrentMap<String, Admission> expected = new ConcurrentHashMap<>();
  private final SecureRandom random;
  private volatile boolean closed;

  WorkerRegistry(SecureRandom random) {
    this.random = random;
  }

  /**
   * Expects {@code workerName} and returns the key it must prove. Announcing a name again revokes
   * the earlier key.
   */
  byte[] announce(String workerName) throws IOException {
    byte[] key = new byte[Handshake.KEY_LENGTH];
    random.nextBytes(key);
    Admission previous = expected.put(workerName, new Admission(workerName, key));
    if (previous != null) {
      previous.channel().completeExceptionally(new IOException("it was announced again"));
    }
    if (closed) {
      // close() may have run before the put; fail this admission too.
      close();
      throw new IOException("The socket transport is closed");
    }
    return key;
  }

  /**
   * Returns the admission of {@code workerName}, or {@code null} if that worker is not expected.
   */
  Admission admission(String workerName) {
    return expected.get(workerName);
  }

  /**
   * Waits until {@code worker} has connected and authenticated.
   *
   * @throws IOException if it was not announced, it exits first, its handshake fails, or the
   *     transport closes
   * @throws TimeoutException if it does not connect within {@code timeout}
   */
  SocketFrameChannel await(WorkerProcess worker, Duration timeout)
      throws IOException, TimeoutException, InterruptedException {
    String name = worker.name();
    Admission admission = expected.get(name);
    if (admission == null) {
      throw new IOException(
          "Worker " + name + " was not announced: call connectionParameters first");
    }
    CompletableFuture<SocketFrameChannel> channel = admission.channel();
    worker
        .onExit()
        .thenAccept(
            code ->
                channel.completeExceptionally(
                    new IOException(
                        "its process (pid " + worker.pid() + ") exited with code " + code)));
    try {
      channel.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException late) {
      channel.completeExceptionally(new TimeoutException("no connection within " + timeout));
    } catch (InterruptedException interrupted) {
      channel.completeExceptionally(interrupted);
      channel.thenAccept(SocketFrameChannel::close);
      throw interrupted;
    } catch (ExecutionException failed) {
      // Reported below, like every other outcome.
    } finally {
      expected.remove(name, admission);
    }
    return outcome(name, channel);
  }

  /** Returns the channel of a completed future, or throws why there is none. */
  private static SocketFrameChannel outcome(
      String name, CompletableFuture<SocketFrameChannel> channel)
      throws IOException, TimeoutException {
    try {
      return channel.join();
    } catch (CompletionException failed) {
      Throwable cause = failed.getCause();
      String message = "Worker " + name + " did not connect: " + cause.getMessage();
      if (cause instanceof TimeoutException) {
        throw new TimeoutException(message);
      }
      throw new IOException(message, cause);
    }
  }

  /** Fails every pending {@link #await} and refuses the workers still expected. */
  void close() {
    closed = true;
    expected
        .values()
        .forEach(
            admission ->
                admission
                    .channel()
                    .completeExceptionally(new IOException("the socket transport is closed")));
  }
}
