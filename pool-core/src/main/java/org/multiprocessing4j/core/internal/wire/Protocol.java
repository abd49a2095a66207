package org.multiprocessing4j.core.internal.wire;

/**
 * The first byte of every frame, and the version both ends must share. The layouts are written next
 * to the code that writes them: {@link Bootstrap}, {@code ParentWorker} and {@code WorkerMain}.
 */
public final class Protocol {
  static final int MAGIC = 0x4d50344a; // "MP4J"
  static final int VERSION = 4;

  /** Parent to worker: the initializer (serialized, possibly null); the worker answers READY. */
  public static final int INIT = 1;

  /**
   * Parent to worker: task id, the function's cache id (0: do not cache), the length and bytes of
   * the serialized function, then the items as a {@link ValuesCodec} field.
   */
  public static final int TASK = 2;

  /** Parent to worker: finish, flush and exit with status 0. */
  public static final int EXIT = 3;

  /**
   * Parent to worker: task id; skip that task if it has not started, answering {@link #CANCELLED}
   * at once, else run it and answer with its {@link #RESULT}. Always sent after the task's frame.
   */
  public static final int CANCEL = 4;

  /** Parent to worker: the reply to a {@link #CALL}; see {@code Reply}. */
  public static final int REPLY = 5;

  /** Worker to parent: pid, serializer fingerprint, Java version. */
  public static final int HELLO = 10;

  /** Worker to parent: the initializer ran; tasks may come. */
  public static final int READY = 11;

  /** Worker to parent: the initializer threw; a failure record follows. */
  public static final int INIT_FAILED = 12;

  /**
   * Worker to parent: task id, run time in nanoseconds, the length and bytes of the values as a
   * {@link ValuesCodec} field, then the failure count and per failure its item index and failure
   * record.
   */
  public static final int RESULT = 13;

  /** Worker to parent: task id; the task was skipped on a {@link #CANCEL}, before it started. */
  public static final int CANCELLED = 14;

  /** Worker to parent: it will run nothing more and is exiting; what it holds never started. */
  public static final int GOING_AWAY = 15;

  /** Worker to parent: a call on a shared object that lives in the parent; see {@code Call}. */
  public static final int CALL = 16;

  /**
   * Worker to parent: call id, object id; the caller stopped waiting for that call (see {@link
   * SharedObject#cancel}).
   */
  public static final int CALL_CANCEL = 17;

  /**
   * Worker to parent: one-way {@link #CALL}s gathered by {@code Outbox}, each a length and then the
   * call's frame.
   */
  public static final int CALLS = 18;

  private Protocol() {}
}
