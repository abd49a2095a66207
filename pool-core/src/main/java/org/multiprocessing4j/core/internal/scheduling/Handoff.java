package org.multiprocessing4j.core.internal.scheduling;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One hand-off of a task to a worker, which keeps a skip behind the frame it refers to: the send
 * and the skip of one hand-off may run on different threads, and a worker told to skip a task it
 * has not received yet would run it. A task handed to another worker later gets a new hand-off, so
 * a late send to a lost worker cannot disturb it.
 */
final class Handoff {
  private static final int UNSENT = 0;
  private static final int SENT = 1;
  private static final int SKIP_WHEN_SENT = 2;

  private final AtomicInteger state = new AtomicInteger(UNSENT);

  /** Called once the task's frame is written; returns whether a skip was asked for meanwhile. */
  boolean sentAskingForSkip() {
    return !state.compareAndSet(UNSENT, SENT);
  }

  /** Returns whether the frame is out, so the skip goes now; otherwise the sender sends it. */
  boolean skipNowOrAfterSend() {
    return !state.compareAndSet(UNSENT, SKIP_WHEN_SENT);
  }
}
