package org.multiprocessing4j.core.internal.shared;

import org.multiprocessing4j.core.internal.wire.FrameWriter;

/**
 * Who makes calls on shared objects: a child at the other end of a channel, or a thread of this
 * JVM. Shared objects key what callers hold (kept calls, pipe ends used) by it.
 */
public interface Caller {

  /**
   * Sends a reply frame to this caller, never blocking for long and never throwing.
   *
   * @return {@code false} if the caller is gone and the reply was dropped, so that what it carried
   *     (a queue item) can be put back
   */
  boolean send(FrameWriter reply);

  /** For log lines and messages, for example {@code pool-1-worker-2 (pid 123)}. */
  String name();

  /**
   * The fingerprint of the serializer that wrote this caller's arguments and will read its replies;
   * an object refuses callers whose serializer differs from its manager's.
   */
  String serializerFingerprint();
}
