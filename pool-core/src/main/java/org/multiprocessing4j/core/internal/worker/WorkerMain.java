package org.multiprocessing4j.core.internal.worker;

import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ProtocolException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import org.multiprocessing4j.SerializableBiFunction;
import org.multiprocessing4j.SerializableFunction;
import org.multiprocessing4j.SerializableRunnable;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.core.internal.shared.ObjectLink;
import org.multiprocessing4j.core.internal.shared.ObjectProxy;
import org.multiprocessing4j.core.internal.wire.Bootstrap;
import org.multiprocessing4j.core.internal.wire.FailureCodec;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.HelloFrame;
import org.multiprocessing4j.core.internal.wire.InitFailedFrame;
import org.multiprocessing4j.core.internal.wire.InitFrame;
import org.multiprocessing4j.core.internal.wire.Protocol;
import org.multiprocessing4j.core.internal.wire.ResultFrame;
import org.multiprocessing4j.core.internal.wire.SignalFrame;
import org.multiprocessing4j.core.internal.wire.TaskFrame;
import org.multiprocessing4j.core.internal.wire.TaskIdFrame;
import org.multiprocessing4j.core.internal.wire.ValuesCodec;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.FrameHandler;
import org.multiprocessing4j.spi.Serializer;

/**
 * The main class of a worker JVM. Public only because {@code java} needs it; not API.
 *
 * <p>It takes stdout for itself before any other code runs, reads the bootstrap from stdin,
 * connects to the parent, then runs tasks one at a time, in order, on the main thread, as a Python
 * pool worker does. It exits as soon as its channel closes, which is how it notices that the parent
 * died, however it died.
 */
public final class WorkerMain {
  private static final int GRACEFUL_EXIT_LIMIT_MILLIS = 5_000;
  private static final byte[] CLOSED = new byte[0];

  private final Serializer serializer;
  private final FailureCodec failures;
  private final Outbox outbox;
  private final ValuesCodec codec;
  private final Map<Integer, Object> functions = new HashMap<>();
  private final BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
  private final ObjectLink parentLink;
  private volatile boolean exiting;

  private WorkerMain(Serializer serializer, FrameChannel channel) {
    this.serializer = serializer;
    this.failures = new FailureCodec(serializer, Thread.currentThread().getContextClassLoader());
    this.codec = new ValuesCodec(serializer);
    this.outbox = new Outbox(channel);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    this.parentLink =
        new ObjectLink(serializer, loader) {
          @Override
          protected void transmit(FrameWriter frame) throws IOException {
            send(frame);
          }

          @Override
          protected void transmitLater(FrameWriter frame) throws IOException {
            outbox.sendLater(frame);
          }
        };
    ObjectProxy.installParentLink(parentLink);
  }

  /**
   * Runs a worker; started by a pool, never by hand.
   *
   * @param args ignored: configuration arrives on stdin
   */
  public static void main(String[] args) {
    // Before anything else can print: stdout may carry frames from here on.
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    System.setOut(
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, Charset.defaultCharset()));
    InputStream stdin = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 64 << 10);
    try {
      connect(stdin, stdout).serve();
    } catch (Throwable fatal) {
      die(fatal);
    }
  }

  private static void die(Throwable fatal) {
    System.err.println("multiprocessing4j worker failed: " + fatal);
    fatal.printStackTrace();
    Runtime.getRuntime().halt(70);
  }

  private static WorkerMain connect(InputStream stdin, OutputStream stdout) throws IOException {
    Bootstrap bootstrap = Bootstrap.readFrom(stdin);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Serializer serializer = bootstrap.serializerProvider(loader).create(loader);
    FrameChannel channel =
        bootstrap
            .transportProvider(loader)
            .createWorkerTransport()
            .connect(bootstrap.transportParameters(), stdin, stdout, bootstrap.transportSettings());
    WorkerMain worker = new WorkerMain(serializer, channel);
    channel.start(worker.handler());
    String fingerprint = serializer.fingerprint();
    worker.send(
        new HelloFrame(
                ProcessHandle.current().pid(), fingerprint, System.getProperty("java.version"))
            .write());
    if (!fingerprint.equals(bootstrap.serializerFingerprint())) {
      System.err.println(
          "multiprocessing4j worker: serializer configuration differs from the parent's (parent "
              + bootstrap.serializerFingerprint()
              + ", worker "
              + fingerprint
              + "); exiting");
      worker.exit(3);
    }
    return worker;
  }

  private FrameHandler handler() {
    return new FrameHandler() {
      @Override
      public void onFrame(byte[] frame) {
        // A cancel must overtake the queue, and a reply wakes a task waiting in the middle of its
        // run, so both are handled here, on the reading thread.
        try {
          int type = Protocol.type(frame);
          if (type == Protocol.CANCEL) {
            skip(TaskIdFrame.read(frame, Protocol.CANCEL));
          } else if (type == Protocol.REPLY) {
            parentLink.replied(frame);
          } else {
            inbox.add(frame);
          }
        } catch (ProtocolException garbled) {
          die(garbled);
        }
      }

      @Override
      public void onClose(Throwable cause) {
        parentLink.closed("The parent process is gone, and with it every shared object");
        if (!exiting) {
          // The parent is gone: nobody wants the results, and a running task cannot be stopped
          // politely. Exit now so that no worker outlives its parent.
          Runtime.getRuntime().halt(0);
        }
        inbox.add(CLOSED);
      }
    };
  }

  /**
   * Drops a task that has not started and says so at once, so the parent can give it to another
   * worker; a task already taken from the queue runs, and its result answers the cancel. The parent
   * never sends a cancel before the task's own frame.
   */
  private void skip(long taskId) {
    if (inbox.removeIf(queued -> TaskFrame.isTask(queued, taskId))) {
      try {
        send(TaskIdFrame.cancelled(taskId));
      } catch (IOException parentGone) {
        // The channel closed; the worker is exiting and nobody waits for the answer.
      }
    }
  }

  private void serve() throws Exception {
    while (true) {
      byte[] frame = inbox.take();
      if (frame == CLOSED) {
        return;
      }
      int type = Protocol.type(frame);
      switch (type) {
        case Protocol.INIT -> initialize(frame);
        case Protocol.TASK -> runTask(TaskFrame.read(frame));
        case Protocol.EXIT -> exit(0);
        default -> throw Protocol.unknownType(type, "a worker");
      }
    }
  }

  private void initialize(byte[] frame) throws IOException {
    try {
      Object initializer = InitFrame.initializer(serializer, frame);
      if (initializer != null) {
        ((SerializableRunnable) initializer).run();
      }
    } catch (Throwable failure) {
      send(InitFailedFrame.write(failures, failure));
      exit(4);
    }
    send(SignalFrame.ready());
  }

  private void runTask(TaskFrame task) throws IOException {
    long taskId = task.taskId();
    long started = System.nanoTime();
    Object[] values;
    List<Integer> failedIndexes = new ArrayList<>();
    List<Throwable> failed = new ArrayList<>();
    Throwable fatal = null;
    try {
      Object function = function(task);
      Object[] items = task.items(codec);
      values = new Object[items.length];
      for (int i = 0; i < items.length; i++) {
        try {
          values[i] = invoke(function, items[i]);
        } catch (Throwable failure) {
          failedIndexes.add(i);
          failed.add(failure);
          if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
            fatal = failure;
            break;
          }
        }
      }
    } catch (SerializationException | ProtocolException unreadable) {
      values = new Object[] {null};
      failedIndexes.add(0);
      failed.add(
          new SerializationException(
              "The task could not be deserialized in the worker: "
                  + unreadable.getMessage()
                  + ". Every class a task uses must be on the workers' classpath.",
              unreadable));
    }
    long runNanos = System.nanoTime() - started;
    FrameWriter frame = new FrameWriter(256);
    int valuesStart = ResultFrame.writeHeader(frame, taskId, runNanos);
    writeValues(values, frame, valuesStart, failedIndexes, failed);
    ResultFrame.writeFailures(frame, failedIndexes, failed, failures);
    send(frame);
    if (fatal != null) {
      System.err.println(
          "multiprocessing4j worker: exiting after " + fatal + "; the JVM may be unusable");
      send(SignalFrame.goingAway());
      exit(1);
    }
  }

  /** Reads a task's function, rebuilding it only the first time for one the parent caches. */
  private Object function(TaskFrame task) {
    int id = task.functionId();
    Object function = id == 0 ? null : functions.get(id);
    if (function == null) {
      function = serializer.deserialize(task.frame(), task.functionOffset(), task.functionLength());
      if (id != 0) {
        functions.put(id, function);
      }
    }
    return function;
  }

  /**
   * Writes the values from {@code valuesStart}. A value that cannot be serialized is replaced by
   * {@code null} and its item fails instead, so one bad result never costs the worker or the other
   * items; the common case serializes once, straight into the frame.
   */
  private void writeValues(
      Object[] values,
      FrameWriter frame,
      int valuesStart,
      List<Integer> failedIndexes,
      List<Throwable> failed)
      throws IOException {
    try {
      codec.write(values, frame);
    } catch (IOException | RuntimeException | StackOverflowError whole) {
      frame.truncate(valuesStart);
      Object[] sendable = values.clone();
      for (int i = 0; i < values.length; i++) {
        try {
          serializer.serialize(values[i], new FrameWriter(256));
        } catch (IOException | RuntimeException | StackOverflowError e) {
          sendable[i] = null;
          failedIndexes.add(i);
          failed.add(
              new SerializationException(
                  "The result of type "
                      + values[i].getClass().getName()
                      + " cannot be serialized: "
                      + e.getMessage()
                      + ". Return plain data, or mark fields that cannot cross processes"
                      + " transient.",
                  e));
        }
      }
      codec.write(sendable, frame);
    }
    ResultFrame.endValues(frame, valuesStart);
  }

  private static Object invoke(Object function, Object item) throws Exception {
    if (function instanceof SerializableFunction<?, ?> f) {
      @SuppressWarnings("unchecked")
      SerializableFunction<Object, Object> typed = (SerializableFunction<Object, Object>) f;
      return typed.apply(item);
    }
    // Any Callable or Runnable, not only this library's: an ExecutorService view sends the user's
    // own Serializable ones.
    if (function instanceof Callable<?> c) {
      return c.call();
    }
    if (function instanceof SerializableRunnable r) {
      r.run();
      return null;
    }
    if (function instanceof Runnable r) {
      r.run();
      return null;
    }
    if (function instanceof SerializableBiFunction<?, ?, ?> b) {
      @SuppressWarnings("unchecked")
      SerializableBiFunction<Object, Object, Object> typed =
          (SerializableBiFunction<Object, Object, Object>) b;
      Object[] pair = (Object[]) item;
      return typed.apply(pair[0], pair[1]);
    }
    throw new IllegalArgumentException("not a task function: " + function.getClass().getName());
  }

  private void send(FrameWriter frame) throws IOException {
    outbox.send(frame);
  }

  /** Flushes what is queued, then exits; a watchdog halts if shutdown hooks hang. */
  private void exit(int status) {
    exiting = true;
    outbox.close();
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(GRACEFUL_EXIT_LIMIT_MILLIS);
              } catch (InterruptedException ignored) {
                // Halting anyway.
              }
              Runtime.getRuntime().halt(status);
            },
            "exit-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    System.exit(status);
  }
}
