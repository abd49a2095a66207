package org.multiprocessing4j.core.internal.wire;

/**
 * The frames that are their type alone, one byte: {@link Protocol#READY} and {@link
 * Protocol#GOING_AWAY}, worker to parent, and {@link Protocol#EXIT}, parent to worker. Their reader
 * needs nothing but {@link Protocol#type}.
 */
public final class SignalFrame {
  private SignalFrame() {}

  /** READY: the initializer ran; tasks may come. */
  public static FrameWriter ready() {
    return write(Protocol.READY);
  }

  /** GOING_AWAY: the worker runs nothing more and exits; what it holds never started. */
  public static FrameWriter goingAway() {
    return write(Protocol.GOING_AWAY);
  }

  /** EXIT: the worker finishes, flushes and exits with status 0. */
  public static FrameWriter exit() {
    return write(Protocol.EXIT);
  }

  private static FrameWriter write(int type) {
    return new FrameWriter(1).writeByte(type);
  }
}
