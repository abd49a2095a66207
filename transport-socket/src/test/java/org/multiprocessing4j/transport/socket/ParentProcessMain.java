package org.multiprocessing4j.transport.socket;

import java.time.Duration;
import java.util.HexFormat;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.ParentTransport;
import org.multiprocessing4j.spi.TransportSettings;

/**
 * A parent JVM for {@link ParentDeathTest}: listens, prints a worker's connection parameters, waits
 * for it, then idles until it is killed.
 */
public final class ParentProcessMain {
  private ParentProcessMain() {}

  public static void main(String[] args) throws Exception {
    TransportSettings settings = new TransportSettings("child", 1 << 20, Duration.ofSeconds(10));
    ParentTransport parent =
        new SocketTransportProvider(AddressFamily.valueOf(args[0]), NettyIo.Mode.AUTO)
            .createParentTransport(settings);
    System.out.println(HexFormat.of().formatHex(parent.connectionParameters("worker-1")));
    FrameChannel channel = parent.connect(new FakeWorker("worker-1"), Duration.ofSeconds(30));
    channel.start(new RecordingHandler());
    System.out.println("connected");
    Thread.sleep(Long.MAX_VALUE);
  }
}
