package org.multiprocessing4j.core.internal.wire;

/**
 * The operation codes of the Manager's shared objects: the byte after a {@code CALL} frame's object
 * id, read by the object that owns the data ({@code SharedQueue}, {@code SharedMap}...) and written
 * by its proxy in another JVM. Each comment gives the arguments that follow the code and what the
 * reply carries after its status.
 *
 * <p>One class for all kinds, because codes are numbered per kind with shared prefixes: a map's and
 * a list's codes start at 3, after the {@link Collection} ones both answer; a lock's and a
 * semaphore's after the {@link Permit} ones. Side by side, a code that collides is seen at once.
 */
public final class Operations {
  /** Operations every shared map and list has; each numbers its own from 3. */
  public static final class Collection {
    /** Answered OK and the number of entries or elements. */
    public static final int SIZE = 1;

    /** Answered OK and a copy of the content, as the collection writes it. */
    public static final int SNAPSHOT = 2;

    private Collection() {}
  }

  /** A {@code Manager.dict}: keys and values as {@code Encoded} writes them. */
  public static final class Map {
    /** The key; answered OK and whether the key is there, then if so its value. */
    public static final int GET = 3;

    /** The key and value; answered OK and the value replaced, as for {@link #GET}. */
    public static final int PUT = 4;

    /** The key; answered OK and the value removed, as for {@link #GET}. */
    public static final int REMOVE = 5;

    /** The key; answered OK and whether it is there. */
    public static final int CONTAINS_KEY = 6;

    /** The value; answered OK and whether some key has it. */
    public static final int CONTAINS_VALUE = 7;

    /** Answered OK. */
    public static final int CLEAR = 8;

    /** A count, then each key and value; answered OK. */
    public static final int PUT_ALL = 9;

    /** The key and value; answered OK and the value already there, as for {@link #GET}. */
    public static final int PUT_IF_ABSENT = 10;

    /** The key and the value it must have; answered OK and whether it was removed. */
    public static final int REMOVE_IF_EQUAL = 11;

    /** The key and value, put only if the key is there; answered as for {@link #PUT}. */
    public static final int REPLACE = 12;

    /** The key, the value it must have and its new one; answered OK and whether replaced. */
    public static final int REPLACE_IF_EQUAL = 13;

    private Map() {}
  }

  /** A {@code Manager.list}: elements as {@code Encoded} writes them. */
  public static final class List {
    /** The index; answered OK and whether it is in range, then the element, or the size if not. */
    public static final int GET = 3;

    /** The index and element; answered as for {@link #GET}, with the element replaced. */
    public static final int SET = 4;

    /** The element; answered OK. */
    public static final int ADD = 5;

    /** The index (up to the size) and element; answered OK and whether in range, else the size. */
    public static final int ADD_AT = 6;

    /** The index; answered as for {@link #GET}, with the element removed. */
    public static final int REMOVE_AT = 7;

    /** A count, then each element; answered OK. */
    public static final int ADD_ALL = 8;

    /** Answered OK. */
    public static final int CLEAR = 9;

    /** The element; answered OK and its first index, or -1. */
    public static final int INDEX_OF = 10;

    /** The element; answered OK and its last index, or -1. */
    public static final int LAST_INDEX_OF = 11;

    /** The element; answered OK and whether its first occurrence was removed. */
    public static final int REMOVE = 12;

    /** The version read, a count, then each element; answered OK and whether replaced. */
    public static final int REPLACE_ALL_IF_UNCHANGED = 13;

    /** The index, a count, then each element; answered as for {@link #ADD_AT}. */
    public static final int ADD_ALL_AT = 14;

    private List() {}
  }

  /** A {@code Manager.queue} or {@code joinableQueue}: items as {@code Encoded} writes them. */
  public static final class Queue {
    /**
     * Timeout in nanoseconds ({@code WaitTime}), then the item; answered OK, or TIMEOUT if full.
     */
    public static final int PUT = 1;

    /** Timeout in nanoseconds; answered OK and the item, or TIMEOUT if there was none. */
    public static final int GET = 2;

    /** Answered OK and the number of items. */
    public static final int SIZE = 3;

    /** Answered OK, or REFUSED if every item is done already. */
    public static final int TASK_DONE = 4;

    /** Timeout in nanoseconds; answered OK once every item is done, or TIMEOUT. */
    public static final int JOIN = 5;

    /**
     * The most items to take; answered OK, whether the queue is empty now, the count and the items
     * taken from the head, a batch of about a mebibyte at most.
     */
    public static final int DRAIN = 6;

    /** Answered OK and the head, which stays, or TIMEOUT if there is none. */
    public static final int PEEK = 7;

    /** Answered OK, the count and every item, in order; the queue is unchanged. */
    public static final int SNAPSHOT = 8;

    private Queue() {}
  }

  /** Operations every lock and semaphore has; each numbers its own from 3. */
  public static final class Permit {
    /** Timeout in nanoseconds; answered OK once acquired, or TIMEOUT. */
    public static final int ACQUIRE = 1;

    /** Answered OK, or REFUSED if released once too often. */
    public static final int RELEASE = 2;

    private Permit() {}
  }

  /** A {@code Manager.lock}, besides the {@link Permit} operations. */
  public static final class Lock {
    /** Answered OK and whether the lock is held. */
    public static final int IS_LOCKED = 3;

    private Lock() {}
  }

  /** A {@code Manager.semaphore}, besides the {@link Permit} operations. */
  public static final class Semaphore {
    /** Answered OK and the number of free permits. */
    public static final int AVAILABLE = 3;

    private Semaphore() {}
  }

  /** A {@code Manager.event}. */
  public static final class Event {
    /** Answered OK once every waiter is woken. */
    public static final int SET = 1;

    /** Answered OK. */
    public static final int CLEAR = 2;

    /** Answered OK and whether the flag is set. */
    public static final int IS_SET = 3;

    /** Timeout in nanoseconds; answered OK once the flag is set, or TIMEOUT. */
    public static final int AWAIT = 4;

    private Event() {}
  }

  /** A {@code Manager.value}: the value as {@code Encoded} writes it. */
  public static final class Value {
    /** Answered OK and the value. */
    public static final int GET = 1;

    /** The value; answered OK. */
    public static final int SET = 2;

    /** The function; answered OK and the new value, or FAILED with what the function threw. */
    public static final int UPDATE = 3;

    private Value() {}
  }

  /**
   * One end of a {@code Manager.pipe}: the operations, then the kinds and outcomes their arguments
   * and answers carry.
   */
  public static final class Connection {
    /**
     * The end, then the message: its kind ({@link #SERIALIZED} or {@link #RAW}), then its bytes as
     * {@link Encoded} writes them.
     */
    public static final int SEND = 1;

    /**
     * The end, then whether only a serialized message may be taken; answered OK and an outcome:
     * {@link #SERIALIZED} or {@link #RAW} and the message, {@link #RAW_NEXT}, {@link #END_OF_FILE}
     * or {@link #END_CLOSED}.
     */
    public static final int RECV = 2;

    /**
     * The end, then a timeout in nanoseconds ({@code WaitTime}); answered OK and {@link #READY} or
     * {@link #END_CLOSED}, or TIMEOUT.
     */
    public static final int POLL = 3;

    /** The end; answered OK. */
    public static final int CLOSE = 4;

    /** The end; answered OK and whether it is closed. */
    public static final int IS_CLOSED = 5;

    /** A message sent with {@code send}. */
    public static final int SERIALIZED = 0;

    /** A message sent with {@code sendBytes}. */
    public static final int RAW = 1;

    /** The next message is raw and stays next. */
    public static final int RAW_NEXT = 2;

    /** The other end is closed and every message it sent was received. */
    public static final int END_OF_FILE = 3;

    /** This end is closed. */
    public static final int END_CLOSED = 4;

    /** A receive would not wait. */
    public static final int READY = 5;

    private Connection() {}
  }

  private Operations() {}
}
