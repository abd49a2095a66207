package org.multiprocessing4j.transport.socket;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.TransportSettings;
import org.multiprocessing4j.spi.WorkerTransport;

/**
 * A worker's end: connects to the address in its connection parameters and proves its key. Its I/O
 * thread lives as long as the channel, so the worker is free to exit once the channel closes, which
 * happens as soon as the parent's end of the socket goes, however the parent dies.
 */
final class SocketWorkerTransport implements WorkerTransport {
  private final NettyIo.Mode mode;

  SocketWorkerTransport(NettyIo.Mode mode) {
    this.mode = mode;
  }

  /** Leaves {@code stdin} and {@code stdout} alone: frames travel on the socket. */
  @Override
  public FrameChannel connect(
      byte[] connectionParameters,
      InputStream stdin,
      OutputStream stdout,
      TransportSettings settings)
      throws IOException {
    ConnectionParameters parameters = ConnectionParameters.decode(connectionParameters);
    NettyIo io = NettyIo.of(mode);
    Admission self = new Admission(parameters.workerName(), parameters.key());
    EventLoopGroup group = io.newGroup("mpj-" + parameters.workerName() + "-socket");
    ChannelFuture connecting =
        new Bootstrap()
            .group(group)
            .channel(io.channel(parameters.family()))
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, FramePipeline.WATER_MARK)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, settings.handshakeTimeout().toMillis()))
            .handler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    FramePipeline.initHandshake(
                        channel, AuthHandler.worker(self, settings, new SecureRandom()));
                  }
                })
            .connect(parameters.socketAddress(io));
    Channel channel = connecting.channel();
    channel.closeFuture().addListener(closed -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    connecting.addListener(
        connected -> {
          if (!connected.isSuccess()) {
            self.channel().completeExceptionally(connected.cause());
          }
        });
    try {
      return self.channel().get();
    } catch (ExecutionException failed) {
      channel.close();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IOException(
          "Worker "
              + parameters.workerName()
              + " could not connect to its parent at "
              + parameters.describeAddress()
              + ": "
              + failed.getCause(),
          failed.getCause());
    } catch (InterruptedException interrupted) {
      channel.close();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while connecting to the parent");
    }
  }
}
