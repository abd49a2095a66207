package org.multiprocessing4j.core.internal.shared;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.multiprocessing4j.Event;
import org.multiprocessing4j.JoinableQueue;
import org.multiprocessing4j.Lock;
import org.multiprocessing4j.Manager;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.Queue;
import org.multiprocessing4j.Semaphore;
import org.multiprocessing4j.Value;
import org.multiprocessing4j.core.internal.wire.Encoded;
import org.multiprocessing4j.core.internal.wire.FailureCodec;
import org.multiprocessing4j.spi.Serializer;

/**
 * The pool-core {@link Manager}: registers the objects it creates in {@link SharedObjects}, keeps a
 * timer for calls that wait with a timeout, and drops its objects when closed.
 */
public final class CoreManager implements Manager {

  private static final AtomicInteger NUMBERS = new AtomicInteger();

  private final LocalLink link;
  private final Set<Long> ids = ConcurrentHashMap.newKeySet();
  private final Set<SharedObject> objects = ConcurrentHashMap.newKeySet();
  private final ScheduledThreadPoolExecutor timer;
  private volatile boolean closed;

  public CoreManager(Serializer serializer, ClassLoader classLoader) {
    this.link = new LocalLink(serializer, classLoader);
    String name = "multiprocessing4j-manager-" + NUMBERS.incrementAndGet() + "-timer";
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, name);
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** Registers {@code object}; its proxies carry the returned id. */
  long register(SharedObject object) {
    requireOpen();
    long id = SharedObjects.register(object, link);
    ids.add(id);
    objects.add(object);
    return id;
  }

  /** Fires the timeouts of kept calls; one daemon thread per manager. */
  ScheduledExecutorService timer() {
    return timer;
  }

  /** Serializes what the objects keep or return, and deserializes what they must compare. */
  Serializer serializer() {
    return link.serializer();
  }

  /** Rebuilds failures for replies, and reads the values objects must look at. */
  FailureCodec failures() {
    return link.failures();
  }

  @Override
  public <E> Queue<E> queue() {
    return queue(0);
  }

  @Override
  public <E> Queue<E> queue(int maxSize) {
    if (maxSize < 0) {
      throw new IllegalArgumentException(
          "maxSize must be 0 (unbounded) or positive, not "
              + maxSize
              + " (Python takes a negative maxsize as unbounded: pass 0)");
    }
    return new QueueProxy<>(register(new SharedQueue(maxSize, timer)), maxSize);
  }

  @Override
  public <E> JoinableQueue<E> joinableQueue() {
    return new JoinableQueueProxy<>(register(new SharedQueue(0, timer)));
  }

  @Override
  public <T> Pipe<T> pipe() {
    return pipe(true);
  }

  @Override
  public <T> Pipe<T> pipe(boolean duplex) {
    return ConnectionProxy.pipe(register(new SharedPipe(timer)), duplex);
  }

  @Override
  public Lock lock() {
    return new LockProxy(register(new SharedLock(timer)));
  }

  @Override
  public Semaphore semaphore(int permits) {
    return new SemaphoreProxy(register(new SharedSemaphore(permits, false, timer)));
  }

  @Override
  public Semaphore boundedSemaphore(int permits) {
    return new SemaphoreProxy(register(new SharedSemaphore(permits, true, timer)));
  }

  @Override
  public Event event() {
    return new EventProxy(register(new SharedEvent(timer)));
  }

  @Override
  public <T> Value<T> value(T initial) {
    requireOpen();
    byte[] encoded = Encoded.bytes(serializer(), initial);
    return new ValueProxy<>(register(new SharedValue(encoded, serializer(), failures())));
  }

  @Override
  public <K, V> ConcurrentMap<K, V> dict() {
    return new MapProxy<>(register(new SharedMap(serializer())));
  }

  @Override
  public <K, V> ConcurrentMap<K, V> dict(Map<? extends K, ? extends V> initial) {
    Objects.requireNonNull(initial, "initial");
    requireOpen();
    SharedMap map = new SharedMap(serializer());
    initial.forEach(
        (key, value) -> {
          Objects.requireNonNull(key, "initial holds a null key: a shared map has none");
          Objects.requireNonNull(
              value, () -> "initial maps " + key + " to null: a shared map holds no null values");
          map.putEncoded(Encoded.bytes(serializer(), key), Encoded.bytes(serializer(), value));
        });
    return new MapProxy<>(register(map));
  }

  @Override
  public <E> List<E> list() {
    return new ListProxy<>(register(new SharedList(serializer())));
  }

  @Override
  public <E> List<E> list(Collection<? extends E> initial) {
    Objects.requireNonNull(initial, "initial");
    requireOpen();
    SharedList list = new SharedList(serializer());
    int index = 0;
    for (E element : initial) {
      int at = index++;
      Objects.requireNonNull(
          element, () -> "initial holds null at " + at + ": a shared list holds no null elements");
      list.addEncoded(Encoded.bytes(serializer(), element));
    }
    return new ListProxy<>(register(list));
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (long id : ids) {
      SharedObjects.unregister(id);
    }
    for (SharedObject object : objects) {
      object.close();
    }
    // One-way calls (a put, a send) get no answer to fail with: the link itself must refuse them.
    link.closed(SharedObject.CLOSED_MESSAGE);
    timer.shutdownNow();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The Manager is closed: start a new one");
    }
  }
}
