package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.util.Pool;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Supplier;
import org.multiprocessing4j.spi.Serializer;

/**
 * The Kryo serializer: thread safe through a pool of configured Kryos, each with its own buffers.
 *
 * <p>{@link #serialize} streams into the caller's stream as it goes, without buffering the whole
 * encoding, so on failure part of it may already have been written: the caller must discard what it
 * received for that value.
 */
final class KryoSerializer implements Serializer {
  /** How many idle Kryos to keep; more are created, and dropped after use, under high load. */
  private static final int IDLE_KRYOS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private final Pool<PooledKryo> kryos;
  private final String fingerprint;

  KryoSerializer(Supplier<PooledKryo> newKryo, String fingerprint) {
    this.kryos =
        new Pool<>(true, false, IDLE_KRYOS) {
          @Override
          protected PooledKryo create() {
            return newKryo.get();
          }
        };
    this.fingerprint = fingerprint;
  }

  @Override
  public void serialize(Object value, OutputStream out) throws IOException {
    Objects.requireNonNull(out, "out");
    PooledKryo kryo = kryos.obtain();
    try {
      kryo.write(value, out);
    } catch (RuntimeException | StackOverflowError | LinkageError failure) {
      // Not returned to the pool: Kryo 5.6.2 can leave state behind after a failure (issue #1281).
      IOException streamFailure = kryo.destinationFailure();
      if (streamFailure != null) {
        throw streamFailure;
      }
      throw FailureMessages.writing(value, failure);
    }
    kryos.free(kryo);
  }

  @Override
  public Object deserialize(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    PooledKryo kryo = kryos.obtain();
    Object value;
    try {
      value = kryo.read(data, offset, length);
    } catch (RuntimeException | StackOverflowError | LinkageError failure) {
      // Not returned to the pool: Kryo 5.6.2 can leave state behind after a failure (issue #1281).
      throw FailureMessages.reading(failure);
    }
    kryos.free(kryo);
    return value;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }
}
