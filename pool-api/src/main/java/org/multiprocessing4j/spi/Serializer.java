package org.multiprocessing4j.spi;

import java.io.IOException;
import java.io.OutputStream;
import org.multiprocessing4j.SerializationException;

/**
 * Turns objects into bytes and back, for the trip between the parent JVM and its workers. Both ends
 * create their serializer from the same {@link SerializerProvider}; the pool checks that their
 * {@link #fingerprint() fingerprints} are equal before any task is sent.
 *
 * <p>Implementations must be safe for use by many threads at once.
 */
public interface Serializer {

  /**
   * Writes the encoding of {@code value} (which may be {@code null}) to {@code out}.
   *
   * @param value the object graph to encode
   * @param out where the bytes go; not closed
   * @throws SerializationException if some object in the graph cannot be serialized; the message
   *     names its type and, where known, the path to it
   * @throws IOException if {@code out} fails
   */
  void serialize(Object value, OutputStream out) throws IOException;

  /**
   * Reads back an object written by {@link #serialize}.
   *
   * @param data a buffer holding the encoding
   * @param offset where the encoding starts in {@code data}
   * @param length how many bytes it has
   * @return the decoded object graph
   * @throws SerializationException if the bytes cannot be decoded, for example because a class is
   *     missing in this JVM
   */
  Object deserialize(byte[] data, int offset, int length);

  /**
   * Describes everything that must be equal on both ends for bytes to decode correctly: format
   * version, registrations, options. Two serializers with equal fingerprints are compatible.
   *
   * @return a stable, printable fingerprint
   */
  String fingerprint();
}
