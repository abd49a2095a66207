package org.multiprocessing4j.core.internal.supervision;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.multiprocessing4j.BrokenPoolException;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.core.internal.launch.ExitStatus;
import org.multiprocessing4j.core.internal.launch.LaunchedWorker;
import org.multiprocessing4j.core.internal.scheduling.Scheduler;
import org.multiprocessing4j.core.internal.scheduling.Task;
import org.multiprocessing4j.core.internal.scheduling.TaskListener;
import org.multiprocessing4j.core.internal.scheduling.WorkerLink;
import org.multiprocessing4j.core.internal.shared.Caller;
import org.multiprocessing4j.core.internal.shared.SharedObjects;
import org.multiprocessing4j.core.internal.wire.FailureCodec;
import org.multiprocessing4j.core.internal.wire.FrameReader;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.HelloFrame;
import org.multiprocessing4j.core.internal.wire.InitFailedFrame;
import org.multiprocessing4j.core.internal.wire.Protocol;
import org.multiprocessing4j.core.internal.wire.ResultFrame;
import org.multiprocessing4j.core.internal.wire.SignalFrame;
import org.multiprocessing4j.core.internal.wire.TaskIdFrame;
import org.multiprocessing4j.core.internal.wire.ValuesCodec;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.FrameHandler;
import org.multiprocessing4j.spi.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent's side of one worker: reads its frames, hands results to their tasks, and reports how
 * the worker starts and ends.
 *
 * <p>A worker's start ends exactly once, either ready or failed; a worker that was ready is lost
 * exactly once, when its channel closes.
 */
public final class ParentWorker implements WorkerLink, FrameHandler {
  private static final Logger log = LoggerFactory.getLogger(ParentWorker.class);
  private static final long EXIT_WAIT_MILLIS = 2_000;

  /** What the pool hears from its workers. */
  interface Events {
    void ready(ParentWorker worker);

    void failedToStart(ParentWorker worker, BrokenPoolException cause);

    /**
     * Died, or could not connect, before it was ready, for no reason the pool can pin on its
     * configuration: a crash, replaced and counted like any other.
     */
    void diedDuringStart(ParentWorker worker, String description);

    void exited(ParentWorker worker, ExitStatus status, boolean wasReady, boolean retired);
  }

  private final LaunchedWorker process;
  private final Scheduler scheduler;
  private final Serializer serializer;
  private final FailureCodec failures;
  private final ValuesCodec codec;
  private final Events events;
  private final Statistics statistics;
  private final Caller caller = new ChildCaller();
  private final AtomicBoolean settled = new AtomicBoolean();
  private final CountDownLatch settledLatch = new CountDownLatch(1);
  private volatile boolean ready;
  private volatile boolean retiring;
  private volatile FrameChannel channel;

  ParentWorker(
      LaunchedWorker process,
      Scheduler scheduler,
      Serializer serializer,
      FailureCodec failures,
      Events events,
      Statistics statistics) {
    this.process = process;
    this.scheduler = scheduler;
    this.serializer = serializer;
    this.failures = failures;
    this.codec = new ValuesCodec(serializer);
    this.events = events;
    this.statistics = statistics;
  }

  /** Starts reading from the worker and sends it the initializer. */
  void open(FrameChannel channel, byte[] initFrame, int initLength) throws IOException {
    this.channel = channel;
    channel.start(this);
    channel.send(initFrame, initLength);
  }

  /**
   * Waits until the worker is ready or has failed to start.
   *
   * @throws TimeoutException if neither happens in time
   */
  void awaitSettled(long timeoutMillis) throws InterruptedException, TimeoutException {
    if (!settledLatch.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
      throw new TimeoutException(
          "worker " + origin() + " did not get ready within " + timeoutMillis + " ms");
    }
  }

  /**
   * Reports a start that failed for a reason in the pool's configuration (the initializer threw,
   * the serializers differ), once; the worker is killed and the pool breaks.
   */
  void configurationFailed(BrokenPoolException cause) {
    if (settle()) {
      kill();
      events.failedToStart(this, cause);
    }
  }

  /** Reports a start that failed otherwise, once; the worker is killed and replaced. */
  void crashedDuringStart(String why) {
    if (settle()) {
      kill();
      events.diedDuringStart(
          this,
          origin()
              + " "
              + why
              + "; its last output: "
              + process.lastOutputAfterExit(EXIT_WAIT_MILLIS));
    }
  }

  LaunchedWorker process() {
    return process;
  }

  void kill() {
    process.process().destroyForcibly();
  }

  /** Closes the channel; a worker exits at once when its channel closes. */
  void closeChannel() {
    FrameChannel current = channel;
    if (current != null) {
      current.close();
    } else {
      kill();
    }
  }

  @Override
  public String origin() {
    return process.origin();
  }

  @Override
  public void send(Task task) throws IOException {
    channel.send(task.frame, task.frameLength);
  }

  @Override
  public void skip(Task task) {
    try {
      FrameWriter cancel = TaskIdFrame.cancel(task.id);
      channel.send(cancel.array(), cancel.size());
    } catch (IOException e) {
      // The worker is going away; the task goes with it.
    }
  }

  @Override
  public void retire() {
    retiring = true;
    try {
      FrameWriter exit = SignalFrame.exit();
      channel.send(exit.array(), exit.size());
    } catch (IOException e) {
      kill();
    }
  }

  @Override
  public void onFrame(byte[] frame) {
    try {
      int type = Protocol.type(frame);
      switch (type) {
        case Protocol.HELLO -> checkHello(frame);
        case Protocol.READY -> {
          ready = true;
          if (settle()) {
            events.ready(this);
          }
        }
        case Protocol.INIT_FAILED -> {
          Throwable cause = InitFailedFrame.read(failures, frame);
          configurationFailed(
              new BrokenPoolException(
                  "The pool's initializer failed in worker "
                      + origin()
                      + ": "
                      + cause
                      + ". No worker is started again (Python's pool would respawn forever).",
                  cause));
        }
        case Protocol.RESULT -> deliverResult(frame);
        case Protocol.CALL, Protocol.CALL_CANCEL ->
            SharedObjects.dispatch(caller, new FrameReader(frame));
        case Protocol.CALLS -> SharedObjects.dispatchBatch(caller, frame);
        case Protocol.GOING_AWAY -> scheduler.workerGoingAway(this);
        case Protocol.CANCELLED -> {
          Task task = scheduler.skipped(this, TaskIdFrame.read(frame, Protocol.CANCELLED));
          if (task != null) {
            statistics.tasksCancelled.incrementAndGet();
            TaskListener.failAll(
                task, new CancellationException(task + " was cancelled"), origin());
          }
        }
        default -> throw Protocol.unknownType(type, "the parent");
      }
    } catch (IOException | RuntimeException e) {
      log.error("Worker {} sent a frame the pool cannot read; killing it", origin(), e);
      kill();
    }
  }

  @Override
  public void onClose(Throwable cause) {
    SharedObjects.callerGone(caller);
    if (cause != null && ready && !retiring) {
      log.warn("The channel to worker {} broke: {}", origin(), cause.toString());
    }
    Process os = process.process();
    try {
      if (!os.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        os.destroyForcibly();
        os.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ExitStatus status = new ExitStatus(os.isAlive() ? null : os.exitValue(), os.pid());
    if (!ready) {
      crashedDuringStart(status.describe() + " before it was ready");
    }
    events.exited(this, status, ready, retiring);
  }

  private void checkHello(byte[] frame) throws IOException {
    HelloFrame hello = HelloFrame.read(frame);
    String theirs = hello.serializerFingerprint();
    String javaVersion = hello.javaVersion();
    String ours = serializer.fingerprint();
    if (!ours.equals(theirs)) {
      configurationFailed(
          new BrokenPoolException(
              "The serializer configuration of worker "
                  + origin()
                  + " (Java "
                  + javaVersion
                  + ") differs from the parent's: parent "
                  + ours
                  + ", worker "
                  + theirs
                  + ". Both JVMs need the same serializer version and registrations: check the"
                  + " workers' classpath (Pool.Builder.classpath).",
              null));
    }
  }

  private void deliverResult(byte[] frame) throws IOException {
    ResultFrame result = ResultFrame.read(frame);
    long taskId = result.taskId();
    long runNanos = result.runNanos();
    int failureCount = result.failureCount();
    int[] failedIndexes = new int[failureCount];
    Throwable[] failed = new Throwable[failureCount];
    result.readFailures(failures, failedIndexes, failed);
    Object[] values = null;
    SerializationException unreadable = null;
    try {
      values = result.values(codec);
    } catch (RuntimeException e) {
      unreadable =
          new SerializationException(
              "The result of task "
                  + taskId
                  + " could not be deserialized in the parent: "
                  + e.getMessage()
                  + ". Every class in a result must be on the parent's classpath too.",
              e);
    }
    Task task = scheduler.completed(this, taskId, runNanos);
    if (task == null) {
      return;
    }
    if (unreadable != null) {
      statistics.tasksFailed.incrementAndGet();
      TaskListener.failAll(task, unreadable, origin());
      return;
    }
    Throwable[] byItem = failureCount == 0 ? null : new Throwable[task.itemCount];
    boolean consistent = values.length == task.itemCount;
    for (int i = 0; consistent && i < failureCount; i++) {
      consistent = failedIndexes[i] >= 0 && failedIndexes[i] < task.itemCount;
      if (consistent) {
        byItem[failedIndexes[i]] = failed[i];
      }
    }
    if (!consistent) {
      ProtocolException garbled =
          new ProtocolException("the result of task " + taskId + " does not match its items");
      TaskListener.failAll(task, garbled, origin());
      throw garbled;
    }
    (byItem == null ? statistics.tasksCompleted : statistics.tasksFailed).incrementAndGet();
    task.listener.completed(task, values, byItem, origin());
  }

  private boolean settle() {
    if (settled.compareAndSet(false, true)) {
      settledLatch.countDown();
      return true;
    }
    return false;
  }

  /** This worker as a caller of shared objects: replies go back on its channel. */
  private final class ChildCaller implements Caller {
    @Override
    public boolean send(FrameWriter reply) {
      FrameChannel current = channel;
      try {
        current.send(reply.array(), reply.size());
        return true;
      } catch (IOException gone) {
        return false;
      }
    }

    @Override
    public String name() {
      return origin();
    }

    @Override
    public String serializerFingerprint() {
      return serializer.fingerprint();
    }
  }
}
