package org.multiprocessing4j.core.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
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
 * <p>Every decision happens under one lock; sending frames and starting processes happen after it
 * is released, so a slow pipe never blocks the pool.
 */
final class Scheduler {
  /**
   * About this much work waits in each worker: enough that a worker never idles through a round
   * trip and its results leave in batches, little enough that no task waits long behind others
   * while another worker is free.
   */
  private static final long QUEUED_WORK_NANOS = 4_000_000;

  private static final int MAX_WINDOW = 128;

  private enum State {
    RUNNING,
    SHUTDOWN,
    TERMINATED,
    BROKEN
  }

  /** Why the pool itself killed a worker. */
  enum Doom {
    TIMEOUT,
    CANCEL
  }

  /**
   * What a lost worker leaves behind: the task it was running, if any, and why the pool killed it,
   * if it did. The tasks queued behind the running one never started; they are already back in the
   * queue.
   */
  record Lost(Task running, Doom doom) {}

  /** A worker whose running task outlived its timeout; the caller kills it. */
  record Expired(WorkerLink link, Task task) {}

  private static final class Slot {
    final WorkerLink link;
    final Map<Long, Task> inFlight = new LinkedHashMap<>();
    int assigned;
    boolean retiring;
    long averageRunNanos = -1;
    long headSince;
    Doom doom;
    Task doomedTask;

    Slot(WorkerLink link) {
      this.link = link;
    }

    /** The worker runs its tasks in order, so the oldest one it holds is the running one. */
    Task head() {
      return inFlight.isEmpty() ? null : inFlight.values().iterator().next();
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Task> pending = new ArrayDeque<>();
  private final Map<WorkerLink, Slot> slots = new LinkedHashMap<>();
  private final int processes;
  private final int maxTasksPerChild;
  private final PoolLifecycle lifecycle;
  private int starting;
  private State state = State.RUNNING;
  private BrokenPoolException broken;
  private boolean exitReported;

  Scheduler(int processes, int maxTasksPerChild, PoolLifecycle lifecycle) {
    this.processes = processes;
    this.maxTasksPerChild = maxTasksPerChild;
    this.lifecycle = lifecycle;
  }

  /** Starts the pool's workers. */
  void start() {
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
  void workerLaunched() {
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
  void submit(Collection<Task> tasks) {
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
  boolean cancel(Task task) {
    lock.lock();
    try {
      return pending.remove(task);
    } finally {
      lock.unlock();
    }
  }

  /** A worker has started and run its initializer; it may take tasks. */
  void workerReady(WorkerLink link) {
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
  Task completed(WorkerLink link, long taskId, long runNanos) {
    Task task;
    List<Runnable> actions;
    lock.lock();
    try {
      Slot slot = slots.get(link);
      task = slot == null ? null : slot.inFlight.remove(taskId);
      if (task == null) {
        return null;
      }
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
   * A worker has gone: exited, crashed or been killed. The tasks it held but had not started go
   * back to the front of the queue; they never ran. A replacement starts if the pool still has work
   * for it.
   *
   * @param link the worker, or {@code null} for a worker that never became ready
   * @return the task the worker was running, which the caller fails or retries, and why the pool
   *     killed the worker, if it did
   */
  Lost workerLost(WorkerLink link) {
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
  void workerGoingAway(WorkerLink link) {
    List<Runnable> actions;
    lock.lock();
    try {
      Slot slot = slots.get(link);
      if (slot == null) {
        return;
      }
      slot.retiring = true;
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

  /** Sends a task whose worker died back to the front of the queue, using up one retry. */
  void retry(Task task) {
    List<Runnable> actions;
    lock.lock();
    try {
      task.retriesLeft--;
      if (state == State.TERMINATED || state == State.BROKEN) {
        RuntimeException cause = brokenOrTerminated();
        actions = List.of(() -> TaskListener.failAll(task, cause, "no worker"));
      } else {
        pending.addFirst(task);
        actions = dispatch();
      }
    } finally {
      lock.unlock();
    }
    actions.forEach(Runnable::run);
  }

  /**
   * Finds workers whose running task has outlived its timeout, and marks them; the caller kills
   * them. Cheap: a look at each worker's oldest task.
   */
  List<Expired> expired(long now) {
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
  record Held(boolean stopped, WorkerLink kill) {}

  /**
   * Stops a task a worker holds. A task still queued in the worker is skipped there. A running task
   * is stopped only if {@code mayInterrupt}, and costs its worker, which the caller kills.
   */
  Held cancelHeld(Task task, boolean mayInterrupt) {
    Runnable skip = null;
    Held held = new Held(false, null);
    lock.lock();
    try {
      for (Slot slot : slots.values()) {
        if (slot.inFlight.containsKey(task.id)) {
          if (slot.head() != task) {
            task.cancelled = true;
            WorkerLink link = slot.link;
            skip = () -> link.skip(task);
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
  List<Task> workerFailedToStart(BrokenPoolException cause) {
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
  List<Task> breakPool(BrokenPoolException cause) {
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
  void shutdown() {
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
  List<Task> terminate() {
    lock.lock();
    try {
      state = State.TERMINATED;
      List<Task> unfinished = new ArrayList<>(pending);
      pending.clear();
      for (Slot slot : slots.values()) {
        unfinished.addAll(slot.inFlight.values());
        slot.inFlight.clear();
      }
      return unfinished;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes no new tasks, as {@link #terminate()}, and hands back the queued tasks, which no worker
   * has received; the caller cancels them, then terminates.
   */
  List<Task> withdrawQueued() {
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

  boolean isShutdown() {
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
  void checkAccepting() {
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

  /** Assigns queued tasks to workers with room; returns the sends and retirements to perform. */
  private List<Runnable> dispatch() {
    List<Runnable> actions = new ArrayList<>();
    while (!pending.isEmpty()) {
      Slot best = null;
      for (Slot slot : slots.values()) {
        if (hasRoom(slot) && (best == null || slot.inFlight.size() < best.inFlight.size())) {
          best = slot;
        }
      }
      if (best == null) {
        break;
      }
      Task task = pending.poll();
      if (task.cancelled) {
        continue;
      }
      if (best.inFlight.isEmpty()) {
        best.headSince = System.nanoTime();
      }
      best.inFlight.put(task.id, task);
      best.assigned++;
      Slot target = best;
      actions.add(() -> send(target, task));
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

  private boolean hasRoom(Slot slot) {
    if (slot.retiring || (maxTasksPerChild > 0 && slot.assigned >= maxTasksPerChild)) {
      return false;
    }
    return slot.inFlight.size() < window(slot.averageRunNanos);
  }

  static int window(long averageRunNanos) {
    if (averageRunNanos < 0) {
      return 2;
    }
    return (int)
        Math.max(1, Math.min(MAX_WINDOW, QUEUED_WORK_NANOS / Math.max(1, averageRunNanos)));
  }

  private void send(Slot slot, Task task) {
    try {
      slot.link.send(task);
    } catch (IOException | RuntimeException unsent) {
      lock.lock();
      try {
        // The worker is dying and will be reported lost; the task never reached it, so it is
        // safe to give it to another worker.
        if (slot.inFlight.remove(task.id) != null) {
          slot.assigned--;
          pending.addFirst(task);
        }
      } finally {
        lock.unlock();
      }
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
