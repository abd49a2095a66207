package org.multiprocessing4j.transport.socket;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.FrameHandler;

/**
 * An authenticated socket carrying frames. Sending wraps the caller's array without copying it and
 * lets {@link io.netty.handler.flush.FlushConsolidationHandler} batch the flushes; receiving goes
 * through {@link DispatchHandler}.
 */
final class SocketFrameChannel implements FrameChannel {
  /** How long a closing channel may take to write what was queued before it gives up. */
  static final Duration CLOSE_FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private final Channel channel;
  private final WritabilityGate gate;
  private final DispatchHandler dispatch;
  private final int maxFrameSize;
  private final String workerName;
  private final AtomicBoolean closing = new AtomicBoolean();

  SocketFrameChannel(
      Channel channel,
      WritabilityGate gate,
      DispatchHandler dispatch,
      int maxFrameSize,
      String workerName) {
    this.channel = channel;
    this.gate = gate;
    this.dispatch = dispatch;
    this.maxFrameSize = maxFrameSize;
    this.workerName = workerName;
  }

  @Override
  public void start(FrameHandler handler) {
    dispatch.start(handler);
  }

  @Override
  public void send(byte[] frame, int length) throws IOException {
    Objects.checkFromIndexSize(0, length, frame.length);
    if (length > maxFrameSize) {
      throw new IllegalArgumentException(
          "A frame of " + length + " bytes exceeds the maximum of " + maxFrameSize);
    }
    if (closing.get()) {
      throw closed(null);
    }
    try {
      gate.awaitWritable(channel);
    } catch (ClosedChannelException closedWhileWaiting) {
      throw closed(closedWhileWaiting);
    }
    channel.writeAndFlush(Unpooled.wrappedBuffer(frame, 0, length), channel.voidPromise());
  }

  private IOException closed(ClosedChannelException detail) {
    Throwable failure = dispatch.failure();
    IOException closed =
        new IOException(
            "The channel of worker "
                + workerName
                + " is closed"
                + (failure == null ? "" : ": " + failure),
            failure);
    if (detail != null) {
      closed.addSuppressed(detail);
    }
    return closed;
  }

  /**
   * Closes after the frames queued so far have reached the socket, or after {@link
   * #CLOSE_FLUSH_TIMEOUT} if the peer does not read them.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    try {
      // Behind the frames this thread sent, which are tasks on the same loop.
      channel.eventLoop().execute(this::closeAfterFlush);
    } catch (RejectedExecutionException loopGone) {
      // The event loop shut down, and closed the channel as it went.
    }
  }

  private void closeAfterFlush() {
    ChannelHandlerContext first = channel.pipeline().firstContext();
    if (first == null) {
      return;
    }
    // Written from the first handler's context, the empty buffer skips the length prepender; it
    // completes once everything queued before it is on the wire.
    first.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    Future<?> deadline =
        channel
            .eventLoop()
            .schedule(() -> channel.close(), CLOSE_FLUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(closed -> deadline.cancel(false));
  }

  @Override
  public String toString() {
    return "SocketFrameChannel[" + workerName + ", " + channel + "]";
  }
}
