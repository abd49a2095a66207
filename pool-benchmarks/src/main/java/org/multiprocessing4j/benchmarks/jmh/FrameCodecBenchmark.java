package org.multiprocessing4j.benchmarks.jmh;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.FrameHandler;
import org.multiprocessing4j.spi.TransportSettings;
import org.multiprocessing4j.transport.pipe.PipeTransportProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frame encode and decode of the pipe transport, through its public SPI ({@code
 * WorkerTransport.connect} over in-memory streams): a length prefix, 64 KiB buffered streams, one
 * writer and one reader thread, flush when the send queue drains. Each invocation moves a batch of
 * 1,000 frames and waits until the last one is out (encode) or delivered to the handler (decode),
 * so the score is frames per second including the writer/reader thread hand-off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {
  static final int BATCH = 1000;

  @Param({"64", "4096", "1048576"})
  public int frameSize;

  private byte[] frame;
  private byte[] encodedBatch;

  private FrameChannel encoder;
  private final AtomicLong written = new AtomicLong();
  private BlockingInput encoderInput;

  private FrameChannel decoder;
  private final AtomicLong delivered = new AtomicLong();
  private BlockingInput decoderInput;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    frame = new byte[frameSize];
    ByteBuffer batch = ByteBuffer.allocate(BATCH * (4 + frameSize));
    for (int i = 0; i < BATCH; i++) {
      batch.putInt(frameSize).put(frame);
    }
    encodedBatch = batch.array();
    TransportSettings settings = new TransportSettings("bench", 256 << 20, Duration.ofSeconds(10));
    PipeTransportProvider pipe = new PipeTransportProvider();

    encoderInput = new BlockingInput();
    OutputStream sink =
        new OutputStream() {
          @Override
          public void write(int b) {
            written.incrementAndGet();
          }

          @Override
          public void write(byte[] b, int off, int len) {
            written.addAndGet(len);
          }
        };
    encoder = pipe.createWorkerTransport().connect(new byte[0], encoderInput, sink, settings);
    encoder.start(new Counting(new AtomicLong()));

    decoderInput = new BlockingInput();
    decoder =
        pipe.createWorkerTransport()
            .connect(new byte[0], decoderInput, OutputStream.nullOutputStream(), settings);
    decoder.start(new Counting(delivered));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    encoder.close();
    decoder.close();
  }

  /** Sends 1,000 frames and waits until their bytes (prefix included) reached the stream. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long encode() throws Exception {
    long target = written.get() + (long) BATCH * (4 + frameSize);
    for (int i = 0; i < BATCH; i++) {
      encoder.send(frame, frameSize);
    }
    while (written.get() < target) {
      Thread.onSpinWait();
    }
    return target;
  }

  /** Feeds 1,000 encoded frames and waits until the handler has received them all. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long decode() {
    long target = delivered.get() + BATCH;
    decoderInput.feed(encodedBatch);
    while (delivered.get() < target) {
      Thread.onSpinWait();
    }
    return target;
  }

  private record Counting(AtomicLong count) implements FrameHandler {
    @Override
    public void onFrame(byte[] frame) {
      count.incrementAndGet();
    }

    @Override
    public void onClose(Throwable cause) {}
  }
}
