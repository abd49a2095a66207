package org.multiprocessing4j.transport.socket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.multiprocessing4j.spi.FrameHandler;

/**
 * Passes the application's frames to the channel's {@link FrameDelivery}, and stops reading from
 * the socket while too much waits there: a slow frame handler then pushes back on the sender
 * through the socket's flow control instead of filling this JVM's heap. Closes the channel on the
 * first error (a bad length prefix, a reset, a handler that throws) and reports that error when the
 * channel has closed.
 *
 * <p>Only the event loop changes {@code autoRead}, so pausing and resuming cannot race.
 */
final class DispatchHandler extends ChannelInboundHandlerAdapter implements FrameDelivery.Listener {
  /** Queued bytes above which reading pauses; sized for frames of megabytes. */
  static final long PAUSE_ABOVE = 8L << 20;

  /** Queued bytes at or below which reading resumes. */
  static final long RESUME_BELOW = 2L << 20;

  /** What a queued frame costs beyond its bytes, so that floods of tiny frames count too. */
  private static final int FRAME_OVERHEAD = 64;

  private final FrameDelivery delivery;
  private final AtomicLong queued = new AtomicLong();
  private volatile Channel channel;
  private volatile Throwable failure;

  DispatchHandler(String deliveryThreadName) {
    this.delivery = new FrameDelivery(deliveryThreadName, this);
  }

  void start(FrameHandler handler) {
    delivery.start(handler);
  }

  /** Returns the error that closed the channel, or {@code null}. */
  Throwable failure() {
    return failure;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    byte[] frame = (byte[]) msg;
    long waiting = queued.addAndGet(cost(frame.length));
    delivery.frame(frame);
    ChannelConfig config = ctx.channel().config();
    if (waiting > PAUSE_ABOVE && config.isAutoRead()) {
      config.setAutoRead(false);
      // The delivery thread may have drained the queue before it could see reading paused.
      resumeIfDrained();
    }
  }

  @Override
  public void delivered(int length) {
    if (queued.addAndGet(-cost(length)) <= RESUME_BELOW && !channel.config().isAutoRead()) {
      onEventLoop(this::resumeIfDrained);
    }
  }

  @Override
  public void handlerFailed(Throwable handlerFailure) {
    onEventLoop(() -> channel.pipeline().fireExceptionCaught(handlerFailure));
  }

  private void onEventLoop(Runnable task) {
    try {
      channel.eventLoop().execute(task);
    } catch (RejectedExecutionException closed) {
      // The event loop has shut down with the channel, which has already reported its end.
    }
  }

  private void resumeIfDrained() {
    if (queued.get() <= RESUME_BELOW) {
      channel.config().setAutoRead(true);
    }
  }

  private static long cost(int length) {
    return (long) length + FRAME_OVERHEAD;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A write that raced with close() fails with ClosedChannelException: a symptom of the close,
    // not its cause.
    if (failure == null && !(cause instanceof ClosedChannelException)) {
      failure = cause;
    }
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    delivery.end(failure);
    ctx.fireChannelInactive();
  }
}
