package org.multiprocessing4j.core.internal.wire;

import java.net.ProtocolException;
import java.util.Arrays;
import java.util.Objects;
import org.multiprocessing4j.spi.Serializer;

/**
 * An argument that a shared map or list compares with what it keeps: its encoding, and the object
 * it decodes to.
 */
public record Decoded(byte[] bytes, Object object) {

  /**
   * Decodes an encoding.
   *
   * @throws org.multiprocessing4j.SerializationException if it cannot be decoded here
   */
  public static Decoded of(Serializer serializer, byte[] bytes) {
    return new Decoded(bytes, Encoded.decode(serializer, bytes));
  }

  /** Reads and decodes an argument written by {@link Encoded#write}. */
  public static Decoded read(Serializer serializer, FrameReader args) throws ProtocolException {
    return of(serializer, args.readBytes());
  }

  /**
   * Whether a kept encoding stands for this value: equal bytes are the same value even for classes
   * without {@code equals}; otherwise the kept value is decoded and compared with {@code equals},
   * as a local collection would.
   */
  public boolean matches(Serializer serializer, byte[] kept) {
    return Arrays.equals(kept, bytes) || Objects.equals(Encoded.decode(serializer, kept), object);
  }
}
