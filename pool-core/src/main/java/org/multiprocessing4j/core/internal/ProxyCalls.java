package org.multiprocessing4j.core.internal;

import java.net.ProtocolException;

/**
 * What the proxies of locks, values, maps and lists share: sending a call and reading its reply,
 * where a garbled reply is a failure of the way to the owner, not of the caller.
 */
final class ProxyCalls {
  private ProxyCalls() {}

  /** Makes a call that the owner answers at once; throws what the reply carries. */
  static Reply prompt(ObjectLink link, FrameWriter call) {
    return link.callPromptly(call).orThrow(link.failures());
  }

  /** Makes a call that may wait in the owner; throws what the reply carries. */
  static Reply waiting(ObjectLink link, FrameWriter call) throws InterruptedException {
    return link.call(call).orThrow(link.failures());
  }

  static boolean readBoolean(Reply reply) {
    try {
      return reply.payload.readBoolean();
    } catch (ProtocolException garbled) {
      throw unreadable(garbled);
    }
  }

  static int readInt(Reply reply) {
    try {
      return reply.payload.readInt();
    } catch (ProtocolException garbled) {
      throw unreadable(garbled);
    }
  }

  static long readLong(Reply reply) {
    try {
      return reply.payload.readLong();
    } catch (ProtocolException garbled) {
      throw unreadable(garbled);
    }
  }

  /** Reads the next object of the reply, written there with {@link Encoded}. */
  static Object decode(ObjectLink link, Reply reply) {
    try {
      return Encoded.read(link.serializer(), reply.payload);
    } catch (ProtocolException garbled) {
      throw unreadable(garbled);
    }
  }

  /** Reads a found flag, then the object if found; {@code null} if not. */
  static Object decodeIfFound(ObjectLink link, Reply reply) {
    return readBoolean(reply) ? decode(link, reply) : null;
  }

  private static IllegalStateException unreadable(ProtocolException garbled) {
    return new IllegalStateException("unreadable reply from a shared object's owner", garbled);
  }
}
