package org.multiprocessing4j.core.internal.scheduling;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import org.multiprocessing4j.BrokenPoolException;

/**
 * Decides which worker runs which task, and when workers start, retire and are replaced.
 *
 * <p>Unlike Python's pool, which hands every task to one shared pipe and forgets it, the scheduler
 * records which worker holds each task, so a worker's death fails exactly the tasks it held. Each
 * worker holds a window of tasks: many when tasks are short (so a round trip does not idle the
 * worker), one when they are long (so no task waits behind a long one while another worker is
 * free). The window follows the run times the worker reports.
 *
 * <p>A window never costs parallelism: whenever a worker has room and the queue is empty, it takes
 * over a task that waits, not yet started, in the window of a worker holding at least two more
 * tasks than it does. The pool asks that worker to give the task back ({@link WorkerLink#skip}),
 * and the task moves only once the worker confirms it had not started it ({@link #skipped}); a
 * worker that started it first simply finishes it. So n long tasks on n workers run at once, the
 * instant the workers are ready, whatever order the workers became ready in and whatever their
 * windows held.
 *
 * <p>Every decision happens under one lock; sending frames and starting processes happen after it
 * is released, so a slow pipe never blocks the pool.
 */
public final class Scheduler {
  /**
   * About this much work waits in each worker: enough that a worker never idles through a round
   * trip and its results leave in batches, little enough that no task waits long behind others
   * while another worker is free.
   */
  private static final long QUEUED_WORK_NANOS = 4_000_000;

  private static final int MAX_WINDOW = 128;

  /**
   * A task waiting at least this long behind others is worth the round trip of moving it to a
   * worker with less to do; one behind shorter work is mostly started before the move could land.
   */
  private static final long WORTH_MOVING_NANOS = 1_000_000;

  private enum State {
    RUNNING,
    SHUTDOWN,
    TERMINATED,
    BROKEN
  }

  /** Why the pool itself killed a worker. */
  public enum Doom {
    TIMEOUT,
    CANCEL
  }

  /**
   * What a lost worker leaves behind: the task it was running, if any, and why the pool killed it,
   * if it did. The tasks queued behind the running one never started; they are already back in the
   * queue.
   */
  public record Lost(Task running, Doom doom) {}

  /** A worker whose running task outlived its timeout; the caller kills it. */
  public record Expired(WorkerLink link, Task task) {}

  private static final class Slot {
    final WorkerLink link;
    final Map<Long, Task> inFlight = new LinkedHashMap<>();
    int assigned;
    boolean retiring;
    long averageRunNanos = -1;
    long headSince;
    Doom doom;
    Task doomedTask;

    /** Tasks this worker holds that it has been asked to give back, not yet confirmed. */
    int givingBack;

    /** Tasks other workers are giving back for this one. */
    int takingOver;

    Slot(WorkerLink link) {
      this.link = link;
    }

    /** The worker runs its tasks in order, so the oldest one it holds is the running one. */
    Task head() {
      return inFlight.isEmpty() ? null : inFlight.values().iterator().next();
    }

    /** What the worker will hold once the tasks moving away and towards it have moved. */
    int load() {
      return inFlight.size() - givingBack + takingOver;
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Task> pending = new ArrayDeque<>();
  private final Map<WorkerLink, Slot> slots = new LinkedHashMap<>();

  /** Tasks being given back, by id, with the worker each is for (null once that one is gone). */
  private final Map<Long, Slot> takeovers = new HashMap<>();

  private final int processes;
  private final int maxTasksPerChild;
  private final PoolLifecycle lifecycle;
  private int starting;
  private State state = State.RUNNING;
  private BrokenPoolException broken;
  private boolean exitReported;

  public Scheduler(int processes, int maxTasksPerChild, PoolLifecycle lifecycle) {
    this.processes = processes;
    this.maxTasksPerChild = maxTasksPerChild;
    this.lifecycle = lifecycle;
  }

  /** Starts the pool's workers. */
  public void start() {
    lock.lock();
    try {
      starting = processes;
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < processes; i++) {
      lifecycle.spawnWorker();
    }
  }

  /**
   * Counts a worker its owner launched itself instead of {@link #start()}: a process's one worker,
   * whose JVM must exist before {@code Process.start()} returns. It joins with {@link
   * #workerReady}, or is lost, like any other.
   */
  public void workerLaunched() {
    lock.lock();
    try {
      starting++;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues tasks, in order, and hands them to workers with room.
   *
   * @throws IllegalStateException if the pool is shut down
   * @throws BrokenPoolException if the pool is broken
   */
  public void submit(Collection<Task> tasks) {
    List<Runnable> actions;
    lock.lock();
    try {
      requireAccepting();
      pending.addAll(tasks);
      actions = dispatch();
    } finally {
      lock.unlock();
    }
    actions.forEach(Runnable::run);
  }

  /** Removes a task that no worker holds yet; returns whether it was removed. */
  public boolean cancel(Task task) {
    lock.lock();
    try {
      return pending.remove(task);
    } finally {
      lock.unlock();
    }
  }

  /** A worker has started and run its initializer; it may take tasks. */
  public void workerReady(WorkerLink link) {
    List<Runnable> actions;
    lock.lock();
    try {
      starting--;
      slots.put(link, new Slot(link));
      actions = dispatch();
    } finally {
      lock.unlock();
    }
    actions.forEach(Runnable::run);
  }

  /**
   * A worker sent a task's result.
   *
   * @return the task, which the worker no longer holds, or {@code null} if the worker held no such
   *     task (it was already failed, for example by {@link #terminate()})
   */
  public Task completed(WorkerLink link, long taskId, long runNanos) {
    Task task;
    List<Runnable> actions;
    lock.lock();
    try {
      Slot slot = slots.get(link);
      task = slot == null ? null : slot.inFlight.remove(taskId);
      if (task == null) {
        return null;
      }
      // The worker started the task before it heard it should give it back.
      endTakeover(slot, taskId);
      slot.averageRunNanos =
          slot.averageRunNanos < 0 ? runNanos : (3 * slot.averageRunNanos + runNanos) / 4;
      slot.headSince = System.nanoTime();
      actions = dispatch();
    } finally {
      lock.unlock();
    }
    actions.forEach(Runnable::run);
    return task;
  }

  /**
   * A worker confirmed that it dropped a task it had been asked to skip, before starting it. A task
   * another worker was taking over goes to that worker (or back to the front of the queue); a task
   * the caller cancelled is handed back.
   *
   * @return the cancelled task, which the caller fails, or {@code null} if the task was moved or
   *     the worker held no such task
   */
  public Task skipped(WorkerLink link, long taskId) {
    Task cancelled = null;
    List<Runnable> actions = new ArrayList<>();
    lock.lock();
    try {
      Slot slot = slots.get(link);
      Task task = slot == null ? null : slot.inFlight.remove(taskId);
      if (task == null) {
        return null;
      }
      slot.assigned--;
      Slot taker = endTakeover(slot, taskId);
      if (task.cancelled) {
        cancelled = task;
      } else if (taker != null && hasRoom(taker)) {
        actions.add(assign(taker, task));
      } else {
        pending.addFirst(task);
      }
      actions.addAll(dispatch());
    } finally {
      lock.unlock();
    }
    actions.forEach(Runnable::run);
    return cancelled;
  }

  /**
   * A worker has gone: exited, crashed or been killed. The tasks it held but had not started go
   * back to the front of the queue; they never ran. A replacement starts if the pool still has work
   * for it.
   *
   * @param link the worker, or {@code null} for a worker that never became ready
   * @return the task the worker was running, which the caller fails or retries, and why the pool
   *     killed the worker, if it did
   */
  public Lost workerLost(WorkerLink link) {
    Lost lost;
    boolean replace;
    List<Runnable> actions;
    lock.lock();
    try {
      Slot slot = link == null ? null : slots.remove(link);
      if (slot == null) {
        starting--;
        lost = new Lost(null, null);
      } else {
        forgetTakeovers(slot);
        Task running = slot.head();
        List<Task> notStarted = new ArrayList<>(slot.inFlight.values());
        if (slot.doom != null && running != slot.doomedTask) {
          // The task the pool killed this worker for finished first; the one running now is
          // innocent and loses nothing but its start.
          running = null;
        }
        notStarted.remove(running);
        for (int i = notStarted.size() - 1; i >= 0; i--) {
          if (!notStarted.get(i).cancelled) {
            pending.addFirst(notStarted.get(i));
          }
        }
        lost = new Lost(running, slot.doom);
      }
      replace = state == State.RUNNING || (state == State.SHUTDOWN && !pending.isEmpty());
      if (replace) {
        starting++;
      }
      actions = dispatch();
      actions.add(this::reportExitIfDone);
    } finally {
      lock.unlock();
    }
    if (replace) {
      lifecycle.spawnWorker();
    }
    actions.forEach(Runnable::run);
    return lost;
  }

  /**
   * A worker announced that it will run nothing more: the tasks it holds never started and go back
   * to the front of the queue, and it gets no new ones.
   */
  public void workerGoingAway(WorkerLink link) {
    List<Runnable> actions;
    lock.lock();
    try {
      Slot slot = slots.get(link);
      if (slot == null) {
        return;
      }
      slot.retiring = true;
      forgetTakeovers(slot);
      List<Task> held = new ArrayList<>(slot.inFlight.values());
      slot.inFlight.clear();
      for (int i = held.size() - 1; i >= 0; i--) {
        pending.addFirst(held.get(i));
      }
      actions = dispatch();
    } finally {
      lock.unlock();
    }
    actions.forEach(Runnable::run);
  }

  /**
   * Sends a task whose worker died back to the front of the queue, using up one retry.
   *
   * @return {@code null} if the task is queued again, else why it cannot be (the pool was
   *     terminated or broke), which the caller fails it with
   */
  public RuntimeException retry(Task task) {
    List<Runnable> actions;
    lock.lock();
    try {
      task.retriesLeft--;
      if (state == State.TERMINATED || state == State.BROKEN) {
        return brokenOrTerminated();
      }
      pending.addFirst(task);
      actions = dispatch();
    } finally {
      lock.unlock();
    }
    actions.forEach(Runnable::run);
    return null;
  }

  /**
   * A task's frame could not be written to its worker, which is dying and will be reported lost:
   * the task never reached it, so it goes back to the front of the queue for another worker.
   */
  public void unsent(WorkerLink link, Task task) {
    lock.lock();
    try {
      Slot slot = slots.get(link);
      if (slot != null && slot.inFlight.remove(task.id) != null) {
        slot.assigned--;
        endTakeover(slot, task.id);
        pending.addFirst(task);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Finds workers whose running task has outlived its timeout, and marks them; the caller kills
   * them. Cheap: a look at each worker's oldest task.
   */
  public List<Expired> expired(long now) {
    lock.lock();
    try {
      List<Expired> expired = new ArrayList<>();
      for (Slot slot : slots.values()) {
        Task head = slot.head();
        if (slot.doom == null
            && head != null
            && head.policy.timeoutNanos() > 0
            && now - slot.headSince > head.policy.timeoutNanos()) {
          slot.doom = Doom.TIMEOUT;
          slot.doomedTask = head;
          expired.add(new Expired(slot.link, head));
        }
      }
      return expired;
    } finally {
      lock.unlock();
    }
  }

  /**
   * What cancelling a task a worker holds came to.
   *
   * @param stopped whether the task will not run to completion (it was skipped, or its worker is to
   *     be killed)
   * @param kill the worker to kill, or {@code null}
   */
  public record Held(boolean stopped, WorkerLink kill) {}

  /**
   * Stops a task a worker holds. A task still queued in the worker is skipped there. A running task
   * is stopped only if {@code mayInterrupt}, and costs its worker, which the caller kills.
   */
  public Held cancelHeld(Task task, boolean mayInterrupt) {
    Runnable skip = null;
    Held held = new Held(false, null);
    lock.lock();
    try {
      for (Slot slot : slots.values()) {
        if (slot.inFlight.containsKey(task.id)) {
          if (slot.head() != task) {
            task.cancelled = true;
            if (!takeovers.containsKey(task.id)) {
              skip = skip(slot, task);
            }
            held = new Held(true, null);
          } else if (mayInterrupt && slot.doom == null) {
            task.cancelled = true;
            slot.doom = Doom.CANCEL;
            slot.doomedTask = task;
            held = new Held(true, slot.link);
          }
        }
      }
    } finally {
      lock.unlock();
    }
    if (skip != null) {
      skip.run();
    }
    return held;
  }

  /**
   * A worker could not start or its initializer failed: the pool is broken. No worker is respawned
   * (Python respawns forever).
   *
   * @return the tasks no worker took, which the caller fails with {@code cause}
   */
  public List<Task> workerFailedToStart(BrokenPoolException cause) {
    lock.lock();
    try {
      starting--;
    } finally {
      lock.unlock();
    }
    return breakPool(cause);
  }

  /**
   * The pool cannot go on (its workers cannot start, or keep dying): no new tasks, no new workers;
   * idle workers retire.
   *
   * @return the tasks no worker took, which the caller fails with {@code cause}
   */
  public List<Task> breakPool(BrokenPoolException cause) {
    List<Task> orphans;
    List<Runnable> actions;
    lock.lock();
    try {
      if (state == State.RUNNING || state == State.SHUTDOWN) {
        state = State.BROKEN;
        broken = cause;
      }
      orphans = new ArrayList<>(pending);
      pending.clear();
      actions = dispatch();
      actions.add(this::reportExitIfDone);
    } finally {
      lock.unlock();
    }
    actions.forEach(Runnable::run);
    return orphans;
  }

  /** No new tasks; workers retire once the queue is drained. */
  public void shutdown() {
    List<Runnable> actions;
    lock.lock();
    try {
      if (state == State.RUNNING) {
        state = State.SHUTDOWN;
      }
      actions = dispatch();
      actions.add(this::reportExitIfDone);
    } finally {
      lock.unlock();
    }
    actions.forEach(Runnable::run);
  }

  /**
   * No new tasks, and every task not yet completed is handed back for cancelling; the caller kills
   * the workers.
   */
  public List<Task> terminate() {
    lock.lock();
    try {
      state = State.TERMINATED;
      List<Task> unfinished = new ArrayList<>(pending);
      pending.clear();
      for (Slot slot : slots.values()) {
        unfinished.addAll(slot.inFlight.values());
        slot.inFlight.clear();
        slot.givingBack = 0;
        slot.takingOver = 0;
      }
      takeovers.clear();
      return unfinished;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes no new tasks, as {@link #terminate()}, and hands back the queued tasks, which no worker
   * has received; the caller cancels them, then terminates.
   */
  public List<Task> withdrawQueued() {
    lock.lock();
    try {
      state = State.TERMINATED;
      List<Task> queued = new ArrayList<>(pending);
      pending.clear();
      return queued;
    } finally {
      lock.unlock();
    }
  }

  public boolean isShutdown() {
    lock.lock();
    try {
      return state != State.RUNNING;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @throws IllegalStateException if the pool is shut down
   * @throws BrokenPoolException if the pool is broken
   */
  public void checkAccepting() {
    lock.lock();
    try {
      requireAccepting();
    } finally {
      lock.unlock();
    }
  }

  private RuntimeException brokenOrTerminated() {
    return state == State.BROKEN
        ? new BrokenPoolException(broken.getMessage(), broken.getCause())
        : new CancellationException("the pool was terminated");
  }

  private void requireAccepting() {
    if (state == State.BROKEN) {
      throw new BrokenPoolException(broken.getMessage(), broken.getCause());
    }
    if (state != State.RUNNING) {
      throw new IllegalStateException(
          "Pool not running: it was shut down or terminated, so it takes no new tasks"
              + " (Python: ValueError('Pool not running'))");
    }
  }

  /**
   * Assigns queued tasks to workers with room, then, once the queue is empty, moves tasks that wait
   * in one worker's window to a worker with less to do; returns the sends, skips and retirements to
   * perform.
   */
  private List<Runnable> dispatch() {
    List<Runnable> actions = new ArrayList<>();
    while (!pending.isEmpty()) {
      Slot best = null;
      for (Slot slot : slots.values()) {
        if (hasRoom(slot) && (best == null || slot.load() < best.load())) {
          best = slot;
        }
      }
      if (best == null) {
        break;
      }
      Task task = pending.poll();
      if (!task.cancelled) {
        actions.add(assign(best, task));
      }
    }
    if (pending.isEmpty()) {
      rebalance(actions);
    }
    boolean draining = state != State.RUNNING && pending.isEmpty();
    for (Slot slot : slots.values()) {
      boolean usedUp = maxTasksPerChild > 0 && slot.assigned >= maxTasksPerChild;
      if (!slot.retiring && slot.inFlight.isEmpty() && (draining || usedUp)) {
        slot.retiring = true;
        actions.add(slot.link::retire);
      }
    }
    return actions;
  }

  private Runnable assign(Slot slot, Task task) {
    if (slot.inFlight.isEmpty()) {
      slot.headSince = System.nanoTime();
    }
    slot.inFlight.put(task.id, task);
    slot.assigned++;
    Handoff handoff = new Handoff();
    task.handoff = handoff;
    return () -> send(slot, task, handoff);
  }

  /** Asks the worker to skip a task; after its frame, which another thread may still be sending. */
  private static Runnable skip(Slot slot, Task task) {
    Handoff handoff = task.handoff;
    WorkerLink link = slot.link;
    return () -> {
      if (handoff.skipNowOrAfterSend()) {
        link.skip(task);
      }
    };
  }

  /**
   * Asks workers to give back queued tasks for workers with less to do, until no worker with room
   * holds two tasks fewer than another. Each task moved takes one round trip to the worker that
   * holds it, which is nothing beside a task long enough to be worth moving; short tasks are mostly
   * done before the request arrives, and the worker then just finishes them.
   */
  private void rebalance(List<Runnable> actions) {
    long now = System.nanoTime();
    while (true) {
      Slot taker = null;
      Slot giver = null;
      for (Slot slot : slots.values()) {
        if (hasRoom(slot) && (taker == null || slot.load() < taker.load())) {
          taker = slot;
        }
        if (!slot.retiring
            && slot.inFlight.size() - 1 > slot.givingBack
            && (giver == null || slot.load() > giver.load())) {
          giver = slot;
        }
      }
      if (taker == null
          || giver == null
          || giver.load() - taker.load() < 2
          || (taker.load() > 0 && !worthMoving(giver, now))) {
        return;
      }
      Task task = lastNotGivingBack(giver);
      takeovers.put(task.id, taker);
      giver.givingBack++;
      taker.takingOver++;
      actions.add(skip(giver, task));
    }
  }

  /**
   * Whether the newest task in a worker's window waits long enough to move it to a worker that is
   * busy but has less queued. An idle worker always takes a task over: that is the parallelism the
   * pool exists for. The running task counts for at least as long as it has run, so a long task in
   * a worker whose earlier tasks were short is seen for what it is.
   */
  private static boolean worthMoving(Slot giver, long now) {
    if (giver.averageRunNanos < 0) {
      return true;
    }
    long perTask = Math.max(giver.averageRunNanos, now - giver.headSince);
    return perTask * (giver.inFlight.size() - 1) >= WORTH_MOVING_NANOS;
  }

  /** The newest task in the window that is not the running one and is not already moving. */
  private Task lastNotGivingBack(Slot slot) {
    Task last = null;
    Iterator<Task> held = slot.inFlight.values().iterator();
    held.next();
    while (held.hasNext()) {
      Task task = held.next();
      if (!takeovers.containsKey(task.id)) {
        last = task;
      }
    }
    return last;
  }

  /**
   * Ends the move of task {@code taskId} away from {@code giver}, if one was under way.
   *
   * @return the worker that was to take it over, or {@code null} if there was none or it is gone
   */
  private Slot endTakeover(Slot giver, long taskId) {
    if (!takeovers.containsKey(taskId)) {
      return null;
    }
    Slot taker = takeovers.remove(taskId);
    giver.givingBack--;
    if (taker != null) {
      taker.takingOver--;
    }
    return taker;
  }

  /** A worker that is gone, or going, neither gives back nor takes over any more tasks. */
  private void forgetTakeovers(Slot gone) {
    for (Iterator<Map.Entry<Long, Slot>> it = takeovers.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Slot> takeover = it.next();
      if (takeover.getValue() == gone) {
        takeover.setValue(null);
      } else if (gone.inFlight.containsKey(takeover.getKey())) {
        if (takeover.getValue() != null) {
          takeover.getValue().takingOver--;
        }
        it.remove();
      }
    }
    gone.givingBack = 0;
    gone.takingOver = 0;
  }

  private boolean hasRoom(Slot slot) {
    if (slot.retiring
        || (maxTasksPerChild > 0 && slot.assigned + slot.takingOver >= maxTasksPerChild)) {
      return false;
    }
    return slot.inFlight.size() + slot.takingOver < window(slot.averageRunNanos);
  }

  static int window(long averageRunNanos) {
    if (averageRunNanos < 0) {
      return 2;
    }
    return (int)
        Math.max(1, Math.min(MAX_WINDOW, QUEUED_WORK_NANOS / Math.max(1, averageRunNanos)));
  }

  private void send(Slot slot, Task task, Handoff handoff) {
    try {
      slot.link.send(task);
      if (handoff.sentAskingForSkip()) {
        slot.link.skip(task);
      }
    } catch (IOException | RuntimeException failed) {
      unsent(slot.link, task);
    }
  }

  private void reportExitIfDone() {
    lock.lock();
    try {
      if (exitReported || state == State.RUNNING || !slots.isEmpty() || starting > 0) {
        return;
      }
      exitReported = true;
    } finally {
      lock.unlock();
    }
    lifecycle.allWorkersExited();
  }
}
