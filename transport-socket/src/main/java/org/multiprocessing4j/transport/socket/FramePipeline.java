package org.multiprocessing4j.transport.socket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.multiprocessing4j.spi.TransportSettings;

/**
 * Lays out a connection's pipeline, the same on both ends:
 *
 * <pre>
 * while authenticating: flush | decoder (256 bytes) | prepender | auth
 * then:                 flush | decoder (maxFrameSize) | prepender | gate | dispatch
 * </pre>
 */
final class FramePipeline {
  /**
   * Senders block above 4 MiB of unsent bytes and resume below 1 MiB: room for a few task payloads
   * of a megabyte without buffering without bound.
   */
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(1 << 20, 4 << 20);

  static final String FLUSH = "flush";
  static final String DECODER = "decoder";
  static final String PREPENDER = "prepender";
  static final String AUTH = "auth";
  static final String GATE = "gate";
  static final String DISPATCH = "dispatch";

  /** Flushes at least every 256 frames even while a read loop keeps deferring flushes. */
  private static final int FLUSH_AT_LEAST_EVERY = 256;

  private static final LengthFieldPrepender LENGTH_PREPENDER = new LengthFieldPrepender(4);

  private FramePipeline() {}

  static void initHandshake(Channel channel, AuthHandler auth) {
    channel
        .pipeline()
        // First, so that it consolidates every flush; it also batches flushes from other threads.
        .addLast(FLUSH, new FlushConsolidationHandler(FLUSH_AT_LEAST_EVERY, true))
        .addLast(DECODER, new FrameDecoder(Handshake.MAX_MESSAGE))
        .addLast(PREPENDER, LENGTH_PREPENDER)
        .addLast(AUTH, auth);
  }

  /**
   * Swaps the handshake's handlers for the application's. Bytes the peer sent right behind its last
   * handshake message are already buffered in the old decoder, which hands them to the new one; the
   * dispatch handler is therefore in place first.
   */
  static SocketFrameChannel switchToFrames(
      ChannelHandlerContext authContext, String workerName, TransportSettings settings) {
    ChannelPipeline pipeline = authContext.pipeline();
    WritabilityGate gate = new WritabilityGate();
    DispatchHandler dispatch = new DispatchHandler("mpj-" + workerName + "-frames");
    pipeline.addBefore(AUTH, GATE, gate);
    pipeline.replace(AUTH, DISPATCH, dispatch);
    pipeline.replace(DECODER, DECODER, new FrameDecoder(settings.maxFrameSize()));
    return new SocketFrameChannel(
        authContext.channel(), gate, dispatch, settings.maxFrameSize(), workerName);
  }
}
