package org.multiprocessing4j.benchmarks.jmh;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.multiprocessing4j.SerializableFunction;
import org.multiprocessing4j.benchmarks.Work;
import org.multiprocessing4j.kryo.KryoSerializerProvider;
import org.multiprocessing4j.spi.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Task and result serialization with the Kryo serializer, through the {@code Serializer} SPI: the
 * shapes the pool sends ({@code Object[] {function, items}} for a task, the result value back), for
 * an {@code apply} of one int, a {@code map} chunk of 10,000 ints, and a 1 MiB {@code byte[]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TaskSerializationBenchmark {
  private Serializer serializer;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(2 << 20);

  private Object[] applyTask;
  private Object[] chunkTask;
  private Object[] bytesTask;
  private Object chunkResult;
  private Object[] intArrayTask;
  private byte[] intArrayTaskBytes;

  private byte[] applyTaskBytes;
  private byte[] chunkTaskBytes;
  private byte[] chunkResultBytes;
  private byte[] bytesTaskBytes;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    serializer = new KryoSerializerProvider().create(getClass().getClassLoader());
    SerializableFunction<Object, Object> identity = Work::identity;
    SerializableFunction<Integer, Long> square = Work::square;
    applyTask = new Object[] {identity, new Object[] {12345}};
    Object[] items = new Object[10000];
    Object[] squares = new Object[10000];
    for (int i = 0; i < items.length; i++) {
      items[i] = i;
      squares[i] = (long) i * i;
    }
    chunkTask = new Object[] {square, items};
    chunkResult = squares;
    bytesTask = new Object[] {identity, new Object[] {new byte[1 << 20]}};
    int[] ints = new int[10000];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = i;
    }
    intArrayTask = new Object[] {square, new Object[] {ints}};
    intArrayTaskBytes = encode(intArrayTask);
    applyTaskBytes = encode(applyTask);
    chunkTaskBytes = encode(chunkTask);
    chunkResultBytes = encode(chunkResult);
    bytesTaskBytes = encode(bytesTask);
  }

  private byte[] encode(Object value) throws Exception {
    out.reset();
    serializer.serialize(value, out);
    return out.toByteArray();
  }

  /** An {@code apply(identity, 12345)} task: the serialized method reference and one Integer. */
  @Benchmark
  public int serializeApplyTask() throws Exception {
    out.reset();
    serializer.serialize(applyTask, out);
    return out.size();
  }

  @Benchmark
  public Object deserializeApplyTask() {
    return serializer.deserialize(applyTaskBytes, 0, applyTaskBytes.length);
  }

  /** A {@code map} chunk of 10,000 Integers with the {@code square} method reference. */
  @Benchmark
  public int serializeMapChunk10k() throws Exception {
    out.reset();
    serializer.serialize(chunkTask, out);
    return out.size();
  }

  @Benchmark
  public Object deserializeMapChunk10k() {
    return serializer.deserialize(chunkTaskBytes, 0, chunkTaskBytes.length);
  }

  /** The chunk's result: 10,000 Longs. */
  @Benchmark
  public int serializeMapResult10k() throws Exception {
    out.reset();
    serializer.serialize(chunkResult, out);
    return out.size();
  }

  @Benchmark
  public Object deserializeMapResult10k() {
    return serializer.deserialize(chunkResultBytes, 0, chunkResultBytes.length);
  }

  /** An {@code apply(identity, byte[1 MiB])} task. */
  @Benchmark
  public int serializeBytes1MiB() throws Exception {
    out.reset();
    serializer.serialize(bytesTask, out);
    return out.size();
  }

  @Benchmark
  public Object deserializeBytes1MiB() {
    return serializer.deserialize(bytesTaskBytes, 0, bytesTaskBytes.length);
  }

  /**
   * The same 10,000 ints as one {@code int[]} item: what a primitive fast path for numeric chunks
   * would send instead of 10,000 boxed Integers (a lever, not what the pool sends today).
   */
  @Benchmark
  public int serializeIntArray10k() throws Exception {
    out.reset();
    serializer.serialize(intArrayTask, out);
    return out.size();
  }

  @Benchmark
  public Object deserializeIntArray10k() {
    return serializer.deserialize(intArrayTaskBytes, 0, intArrayTaskBytes.length);
  }
}
