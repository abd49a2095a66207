package org.multiprocessing4j.core.internal.wire;

import java.net.ProtocolException;

/**
 * {@link Protocol#HELLO}, a worker's first frame to its parent: who it is, so that the parent can
 * refuse a worker whose serializer differs from its own. Layout: type, pid (8 bytes), serializer
 * fingerprint and Java version as {@link FrameWriter#writeString} writes them.
 *
 * @param pid the worker's process id
 * @param serializerFingerprint the worker's {@code Serializer.fingerprint()}
 * @param javaVersion the worker's {@code java.version}
 */
public record HelloFrame(long pid, String serializerFingerprint, String javaVersion) {

  public FrameWriter write() {
    return new FrameWriter(128)
        .writeByte(Protocol.HELLO)
        .writeLong(pid)
        .writeString(serializerFingerprint)
        .writeString(javaVersion);
  }

  /**
   * Reads a HELLO frame.
   *
   * @throws ProtocolException if it is not a HELLO frame, or ends too soon
   */
  public static HelloFrame read(byte[] frame) throws ProtocolException {
    FrameReader in = Protocol.open(frame, Protocol.HELLO);
    return new HelloFrame(
        in.field("its pid").readLong(),
        in.field("its serializer fingerprint").readString(),
        in.field("its Java version").readString());
  }
}
