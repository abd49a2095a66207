package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Queue.JOIN;
import static org.multiprocessing4j.core.internal.wire.Operations.Queue.TASK_DONE;

import java.time.Duration;
import org.multiprocessing4j.JoinableQueue;

/**
 * A {@link JoinableQueue}: a {@link QueueProxy} whose {@link SharedQueue} also counts the items not
 * done yet.
 *
 * @param <E> the type of the items
 */
final class JoinableQueueProxy<E> extends QueueProxy<E> implements JoinableQueue<E> {
  private static final long serialVersionUID = 1L;

  JoinableQueueProxy(long id) {
    super(id, 0);
  }

  @Override
  public void taskDone() {
    callPromptly(frame(TASK_DONE, 0));
  }

  @Override
  public void join() throws InterruptedException {
    call(timedFrame(JOIN, WaitTime.FOREVER));
  }

  @Override
  public boolean join(Duration timeout) throws InterruptedException {
    return callWithin(JOIN, timeout).isOk();
  }
}
