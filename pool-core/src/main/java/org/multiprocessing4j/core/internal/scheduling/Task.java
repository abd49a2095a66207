package org.multiprocessing4j.core.internal.scheduling;

/**
 * One unit of work for a worker: a serialized function with one or more items (a map chunk), ready
 * to send. Python counts a chunk as one task for {@code maxtasksperchild}; so does the pool.
 */
public final class Task {
  public final long id;
  public final byte[] frame;
  public final int frameLength;
  public final int firstIndex;
  public final int itemCount;
  public final TaskListener listener;
  public final TaskPolicy policy;

  /** Guarded by the scheduler's lock. */
  public int retriesLeft;

  /** The task's current hand-off to a worker; guarded by the scheduler's lock. */
  Handoff handoff;

  /** Set once the result no longer matters; the task is dropped rather than run. */
  public volatile boolean cancelled;

  public Task(
      long id,
      byte[] frame,
      int frameLength,
      int firstIndex,
      int itemCount,
      TaskListener listener,
      TaskPolicy policy) {
    this.id = id;
    this.frame = frame;
    this.frameLength = frameLength;
    this.firstIndex = firstIndex;
    this.itemCount = itemCount;
    this.listener = listener;
    this.policy = policy;
    this.retriesLeft = policy.retries();
  }

  @Override
  public String toString() {
    return "task "
        + id
        + (itemCount == 1
            ? ""
            : " (items " + firstIndex + ".." + (firstIndex + itemCount - 1) + ")");
  }
}
