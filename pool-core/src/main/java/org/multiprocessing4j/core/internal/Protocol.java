package org.multiprocessing4j.core.internal;

/**
 * The first byte of every frame, and the version both ends must share. The layouts are written next
 * to the code that writes them: {@link Bootstrap}, {@link ParentWorker} and {@link WorkerMain}.
 */
final class Protocol {
  static final int MAGIC = 0x4d50344a; // "MP4J"
  static final int VERSION = 4;

  /** Parent to worker: the initializer (serialized, possibly null); the worker answers READY. */
  static final int INIT = 1;

  /**
   * Parent to worker: task id, the function's cache id (0: do not cache), the length and bytes of
   * the serialized function, then the items as a {@link ValuesCodec} field.
   */
  static final int TASK = 2;

  /** Parent to worker: finish, flush and exit with status 0. */
  static final int EXIT = 3;

  /**
   * Parent to worker: task id; skip that task if it has not started, answering {@link #CANCELLED}
   * at once, else run it and answer with its {@link #RESULT}. Always sent after the task's frame.
   */
  static final int CANCEL = 4;

  /** Parent to worker: the reply to a {@link #CALL}; see {@link Reply}. */
  static final int REPLY = 5;

  /** Worker to parent: pid, serializer fingerprint, Java version. */
  static final int HELLO = 10;

  /** Worker to parent: the initializer ran; tasks may come. */
  static final int READY = 11;

  /** Worker to parent: the initializer threw; a failure record follows. */
  static final int INIT_FAILED = 12;

  /**
   * Worker to parent: task id, run time in nanoseconds, the length and bytes of the values as a
   * {@link ValuesCodec} field, then the failure count and per failure its item index and failure
   * record.
   */
  static final int RESULT = 13;

  /** Worker to parent: task id; the task was skipped on a {@link #CANCEL}, before it started. */
  static final int CANCELLED = 14;

  /** Worker to parent: it will run nothing more and is exiting; what it holds never started. */
  static final int GOING_AWAY = 15;

  /** Worker to parent: a call on a shared object that lives in the parent; see {@link Call}. */
  static final int CALL = 16;

  /**
   * Worker to parent: call id, object id; the caller stopped waiting for that call (see {@link
   * SharedObject#cancel}).
   */
  static final int CALL_CANCEL = 17;

  /**
   * Worker to parent: one-way {@link #CALL}s gathered by {@link Outbox}, each a length and then the
   * call's frame.
   */
  static final int CALLS = 18;

  private Protocol() {}
}
