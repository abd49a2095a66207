package org.multiprocessing4j.core.internal.wire;

import java.io.IOException;
import java.net.ProtocolException;
import org.multiprocessing4j.spi.Serializer;

/**
 * {@link Protocol#INIT}, parent to worker, once: the pool's initializer, which the worker runs
 * before any task. Layout: type, then the serialized initializer (possibly null) up to the end.
 */
public final class InitFrame {
  private InitFrame() {}

  /**
   * An INIT frame for {@code initializer}.
   *
   * @throws IOException or a runtime exception from the serializer, if it cannot write it
   */
  public static FrameWriter write(Serializer serializer, Object initializer) throws IOException {
    FrameWriter frame = new FrameWriter(256).writeByte(Protocol.INIT);
    serializer.serialize(initializer, frame);
    return frame;
  }

  /**
   * Deserializes the initializer of an INIT frame.
   *
   * @throws ProtocolException if it is not an INIT frame
   * @throws org.multiprocessing4j.SerializationException if the serializer cannot read it
   */
  public static Object initializer(Serializer serializer, byte[] frame) throws ProtocolException {
    FrameReader in = Protocol.open(frame, Protocol.INIT);
    return serializer.deserialize(frame, in.position(), in.remaining());
  }
}
