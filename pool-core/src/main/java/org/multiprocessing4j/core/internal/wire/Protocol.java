package org.multiprocessing4j.core.internal.wire;

import java.net.ProtocolException;

/**
 * The first byte of every frame, and the version both ends must share. Each frame's layout lives in
 * the one class that both writes and reads it: {@link Bootstrap}, {@link TaskFrame}, {@link
 * ResultFrame}, {@link TaskIdFrame} (CANCEL, CANCELLED), {@link HelloFrame}, {@link InitFrame},
 * {@link InitFailedFrame}, {@link SignalFrame} (READY, EXIT, GOING_AWAY), {@link CallFrame} (CALL,
 * CALL_CANCEL), {@link CallsFrame} and {@link ReplyFrame}; the codes of shared objects' operations
 * are in {@link Operations}.
 */
public final class Protocol {
  static final int MAGIC = 0x4d50344a; // "MP4J"
  static final int VERSION = 4;

  /** Parent to worker: the initializer; the worker answers READY. See {@link InitFrame}. */
  public static final int INIT = 1;

  /** Parent to worker: a task to run. See {@link TaskFrame}. */
  public static final int TASK = 2;

  /** Parent to worker: finish, flush and exit with status 0. */
  public static final int EXIT = 3;

  /**
   * Parent to worker: skip a task if it has not started, answering {@link #CANCELLED} at once, else
   * run it and answer with its {@link #RESULT}. Always sent after the task's frame. See {@link
   * TaskIdFrame}.
   */
  public static final int CANCEL = 4;

  /** Parent to worker: the reply to a {@link #CALL}. See {@link ReplyFrame}. */
  public static final int REPLY = 5;

  /** Worker to parent, first: who it is. See {@link HelloFrame}. */
  public static final int HELLO = 10;

  /** Worker to parent: the initializer ran; tasks may come. */
  public static final int READY = 11;

  /** Worker to parent: the initializer threw. See {@link InitFailedFrame}. */
  public static final int INIT_FAILED = 12;

  /** Worker to parent: what a task returned and threw. See {@link ResultFrame}. */
  public static final int RESULT = 13;

  /**
   * Worker to parent: a task was skipped on a {@link #CANCEL}, before it started. See {@link
   * TaskIdFrame}.
   */
  public static final int CANCELLED = 14;

  /** Worker to parent: it will run nothing more and is exiting; what it holds never started. */
  public static final int GOING_AWAY = 15;

  /**
   * Worker to parent: a call on a shared object that lives in the parent. See {@link CallFrame}.
   */
  public static final int CALL = 16;

  /** Worker to parent: the caller stopped waiting for a call. See {@link CallFrame}. */
  public static final int CALL_CANCEL = 17;

  /** Worker to parent: one-way {@link #CALL}s gathered by the worker. See {@link CallsFrame}. */
  public static final int CALLS = 18;

  private Protocol() {}

  /**
   * The type of {@code frame}, its first byte.
   *
   * @throws ProtocolException if the frame is empty
   */
  public static int type(byte[] frame) throws ProtocolException {
    if (frame.length == 0) {
      throw new ProtocolException("empty frame: every frame starts with its type");
    }
    return frame[0] & 0xff;
  }

  /** The failure of a frame whose type its reader does not know or does not expect. */
  public static ProtocolException unknownType(int type, String reader) {
    return new ProtocolException(
        "unknown frame type "
            + type
            + " ("
            + name(type)
            + ") for "
            + reader
            + ": the other end speaks another protocol, or something wrote to the stream outside"
            + " it");
  }

  /** The name of a frame type, for messages. */
  public static String name(int type) {
    return switch (type) {
      case INIT -> "INIT";
      case TASK -> "TASK";
      case EXIT -> "EXIT";
      case CANCEL -> "CANCEL";
      case REPLY -> "REPLY";
      case HELLO -> "HELLO";
      case READY -> "READY";
      case INIT_FAILED -> "INIT_FAILED";
      case RESULT -> "RESULT";
      case CANCELLED -> "CANCELLED";
      case GOING_AWAY -> "GOING_AWAY";
      case CALL -> "CALL";
      case CALL_CANCEL -> "CALL_CANCEL";
      case CALLS -> "CALLS";
      default -> "not a frame type";
    };
  }

  /**
   * A reader of {@code frame}, checked to be of {@code type} and positioned after its type byte;
   * its errors name the frame.
   */
  static FrameReader open(byte[] frame, int type) throws ProtocolException {
    FrameReader reader = new FrameReader(frame, name(type));
    int found = reader.field("its type").readByte();
    if (found != type) {
      throw new ProtocolException(
          "a " + name(found) + " frame (type " + found + ") read as " + name(type));
    }
    return reader;
  }
}
