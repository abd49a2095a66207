package org.multiprocessing4j.core.internal;

import java.time.Duration;
import org.multiprocessing4j.JoinableQueue;

/**
 * A {@link JoinableQueue}: a {@link QueueProxy} whose {@link QueueObject} also counts the items not
 * done yet.
 *
 * @param <E> the type of the items
 */
final class JoinableQueueProxy<E> extends QueueProxy<E> implements JoinableQueue<E> {

  JoinableQueueProxy(long id) {
    super(id, 0);
  }

  @Override
  public void taskDone() {
    link().callPromptly(Call.frame(id, TASK_DONE, 0)).orThrow(link().failures());
  }

  @Override
  public void join() throws InterruptedException {
    link().call(waitFrame(JOIN, WaitTime.FOREVER)).orThrow(link().failures());
  }

  @Override
  public boolean join(Duration timeout) throws InterruptedException {
    long nanos = WaitTime.nanos(timeout);
    return link().call(waitFrame(JOIN, nanos)).orThrow(link().failures()).status == Reply.OK;
  }
}
