package org.multiprocessing4j.core.internal.shared;

import org.multiprocessing4j.core.internal.wire.ReplyFrame;

/**
 * The state of an object that lives in this JVM and that this JVM and its children call through
 * proxies: a queue, a lock, a map. Calls arrive in order per caller, each on the thread that read
 * it (for a child, its channel's reading thread), so a handler never blocks: a call that must wait
 * (a {@code get} on an empty queue) is kept and answered later, by whichever call makes it
 * answerable or by the object's timer.
 */
public interface SharedObject {

  /** What a call on an object of a closed manager answers. */
  String CLOSED_MESSAGE = "The Manager that owns this object is closed";

  /**
   * Handles one call: answers it now, keeps it to answer later, or, if it is one-way, just acts.
   *
   * @param call the call; its arguments follow its header in {@link Call#args()}
   */
  void handle(Call call);

  /**
   * The caller stopped waiting for {@code callId} (it was interrupted): if that call is kept,
   * answer it {@link ReplyFrame#CANCELLED} now; if it was already answered, do nothing.
   */
  void cancel(Caller caller, long callId);

  /** The caller is gone (its process exited or died): drop its kept calls, release its holds. */
  void callerGone(Caller caller);

  /** The manager closed: answer every kept call {@link ReplyFrame#CLOSED}. */
  void close();
}
