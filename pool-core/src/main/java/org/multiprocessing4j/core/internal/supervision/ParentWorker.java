package org.multiprocessing4j.core.internal.supervision;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.multiprocessing4j.BrokenPoolException;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.core.internal.launch.ExitStatus;
import org.multiprocessing4j.core.internal.launch.LaunchedWorker;
import org.multiprocessing4j.core.internal.launch.WorkerLauncher;
import org.multiprocessing4j.core.internal.scheduling.Task;
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
 * The parent's side of one worker: decodes the frames it sends and reports them as events, and
 * writes the frames the pool sends it. It decides nothing: what a result, a skip or an exit means
 * for the pool is the {@link Events}' business.
 *
 * <p>A worker's start ends exactly once, either ready or failed; a worker that was ready is lost
 * exactly once, when its channel closes.
 */
final class ParentWorker implements WorkerLink, FrameHandler {
  private static final Logger log = LoggerFactory.getLogger(ParentWorker.class);
  private static final long EXIT_WAIT_MILLIS = 2_000;
  private static final long RETIRING_EXIT_WAIT_MILLIS = 20_000;

  /**
   * Long enough for a crashing JVM that garbled its stream to be gone or to have begun a report.
   */
  private static final long CRASH_EXIT_MILLIS = 300;

  /** What the pool hears from its workers, on the thread that read it. */
  interface Events {
    void ready(ParentWorker worker);

    void failedToStart(ParentWorker worker, BrokenPoolException cause);

    /**
     * Died, or could not connect, before it was ready, for no reason the pool can pin on its
     * configuration: a crash, replaced and counted like any other.
     */
    void diedDuringStart(ParentWorker worker, String description);

    /**
     * Its channel closed and its process ended.
     *
     * @param description how it ended: the pool's own reason if the pool killed it, else what its
     *     exit status says
     */
    void exited(
        ParentWorker worker,
        ExitStatus status,
        String description,
        boolean wasReady,
        boolean retired);

    /** A task's result, decoded; {@link Result#unreadable} is set if its values could not be. */
    void result(ParentWorker worker, Result result);

    /** The worker dropped a task it was asked to skip, before starting it. */
    void skipped(ParentWorker worker, long taskId);

    /** The worker will run nothing more; what it holds never started. */
    void goingAway(ParentWorker worker);

    /** A task's frame, queued earlier, could not be written: the task never reached the worker. */
    void unsent(ParentWorker worker, Task task);
  }

  /**
   * A decoded result frame.
   *
   * @param values one per item, or {@code null} if they could not be deserialized
   * @param unreadable why the values could not be deserialized, or {@code null}
   * @param failedIndexes the items that threw
   * @param failed what each of them threw
   */
  record Result(
      long taskId,
      long runNanos,
      Object[] values,
      SerializationException unreadable,
      int[] failedIndexes,
      Throwable[] failed) {}

  private final LaunchedWorker process;
  private final Serializer serializer;
  private final FailureCodec failures;
  private final ValuesCodec codec;
  private final Events events;
  private final Executor senders;
  private final Caller caller = new ChildCaller();
  private final AtomicBoolean settled = new AtomicBoolean();
  private final CountDownLatch settledLatch = new CountDownLatch(1);
  private volatile boolean ready;
  private volatile boolean retiring;
  private volatile String killedFor;
  private volatile FrameChannel channel;
  private volatile WorkerSender sender;

  /**
   * @param senders runs the threads that write frames a reader thread must not wait for
   */
  ParentWorker(
      LaunchedWorker process,
      Serializer serializer,
      FailureCodec failures,
      Events events,
      Executor senders) {
    this.process = process;
    this.serializer = serializer;
    this.failures = failures;
    this.codec = new ValuesCodec(serializer);
    this.events = events;
    this.senders = senders;
  }

  /** Starts reading from the worker and sends it the initializer. */
  void open(FrameChannel channel, byte[] initFrame, int initLength) throws IOException {
    this.sender = new WorkerSender(this, channel, senders, task -> events.unsent(this, task));
    this.channel = channel;
    channel.start(this);
    sender.send(initFrame, initLength, null);
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
      kill("its configuration failed: " + cause.getMessage());
      events.failedToStart(this, cause);
    }
  }

  /** Reports a start that failed otherwise, once; the worker is killed and replaced. */
  void crashedDuringStart(String why) {
    if (settle()) {
      kill(why);
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

  @Override
  public void kill(String reason) {
    if (killedFor == null) {
      killedFor = reason;
    }
    process.process().destroyForcibly();
  }

  /** Asks the process to stop with SIGTERM, as a terminating pool does after a grace period. */
  void stop() {
    process.process().destroy();
  }

  /** Closes the channel; a worker exits at once when its channel closes. */
  void closeChannel() {
    FrameChannel current = channel;
    if (current != null) {
      current.close();
    } else {
      kill("the pool was terminated before the worker connected");
    }
  }

  @Override
  public String origin() {
    return process.origin();
  }

  @Override
  public void send(Task task) throws IOException {
    sender.send(task.frame, task.frameLength, task);
  }

  @Override
  public void skip(Task task) {
    try {
      FrameWriter cancel = TaskIdFrame.cancel(task.id);
      sender.send(cancel.array(), cancel.size(), null);
    } catch (IOException e) {
      // The worker is going away; the task goes with it.
    }
  }

  @Override
  public void retire() {
    retiring = true;
    try {
      FrameWriter exit = SignalFrame.exit();
      sender.send(exit.array(), exit.size(), null);
    } catch (IOException e) {
      kill("it could not be told to exit: " + e.getMessage());
    }
  }

  @Override
  public void onFrame(byte[] frame) {
    WorkerSender.reading(this, () -> read(frame));
  }

  private void read(byte[] frame) {
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
        case Protocol.RESULT -> events.result(this, readResult(frame));
        case Protocol.CALL, Protocol.CALL_CANCEL ->
            SharedObjects.dispatch(caller, new FrameReader(frame));
        case Protocol.CALLS -> SharedObjects.dispatchBatch(caller, frame);
        case Protocol.GOING_AWAY -> events.goingAway(this);
        case Protocol.CANCELLED ->
            events.skipped(this, TaskIdFrame.read(frame, Protocol.CANCELLED));
        default -> throw Protocol.unknownType(type, "the parent");
      }
    } catch (IOException | RuntimeException e) {
      log.error("Worker {} sent a frame the pool cannot read; killing it", origin(), e);
      kill("it sent a frame the pool cannot read (" + e + ")");
    }
  }

  @Override
  public void onClose(Throwable cause) {
    SharedObjects.callerGone(caller);
    Process os = process.process();
    if (cause != null && !retiring) {
      if (ready) {
        log.warn("The channel to worker {} broke: {}", origin(), cause.toString());
      }
      killUnlessCrashing(os, cause);
    }
    try {
      // A retiring worker exits on its own, and may first write its class-data archive, which
      // takes seconds on a loaded machine; anything else is given a short grace.
      long grace = retiring ? RETIRING_EXIT_WAIT_MILLIS : EXIT_WAIT_MILLIS;
      if (!os.waitFor(grace, TimeUnit.MILLISECONDS)) {
        kill("it was still running after its channel closed");
        os.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!os.isAlive()) {
      process.awaitOutput(EXIT_WAIT_MILLIS);
    }
    ExitStatus status = new ExitStatus(os.isAlive() ? null : os.exitValue(), os.pid());
    String reason = killedFor;
    String description = reason != null ? "was killed: " + reason : status.describe();
    if (!ready) {
      crashedDuringStart(description + " before it was ready");
    }
    events.exited(this, status, description, ready, retiring);
  }

  /**
   * The stream is unusable (often something wrote to it outside the protocol): the worker cannot
   * report its results any more, so it goes now, and its caller hears why. A JVM that is crashing
   * writes its crash banner to stdout too; that one is left to exit on its own, so that its exit
   * status and crash report say what happened.
   */
  private void killUnlessCrashing(Process os, Throwable cause) {
    try {
      if (os.waitFor(CRASH_EXIT_MILLIS, TimeUnit.MILLISECONDS)
          || Files.exists(WorkerLauncher.errorFile(os.pid()))) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill("the pool killed it because its channel broke: " + cause.getMessage());
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

  private Result readResult(byte[] frame) throws IOException {
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
    return new Result(taskId, runNanos, values, unreadable, failedIndexes, failed);
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
      try {
        sender.send(reply.array(), reply.size(), null);
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
