package org.multiprocessing4j;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import org.multiprocessing4j.spi.PoolFactory;
import org.multiprocessing4j.spi.Providers;
import org.multiprocessing4j.spi.SerializerProvider;

/**
 * Owns objects that the parent and its child processes share: queues, pipes, locks, semaphores,
 * events, values, maps and lists. Python's {@code multiprocessing.Manager()}, and also where
 * Python's plain {@code Queue()}, {@code Pipe()} and {@code Lock()} come from.
 *
 * <pre>{@code
 * try (Manager manager = Manager.start()) {
 *   Map<Integer, String> dict = manager.dict();
 *   Queue<String> queue = manager.queue();
 *   Process p = new Process(() -> { dict.put(1, "a"); queue.put("done"); }).start();
 *   queue.get();   // "done"
 *   p.join();
 * }
 * }</pre>
 *
 * <p>Unlike Python's manager, which is a server process, the objects live in this JVM: a child
 * reaches them over the channel it already has to its parent (any transport), with no extra
 * process, socket or key. Pass an object to a {@link Process} or a {@link Pool} task like any other
 * argument; in the child, each call is a message to this JVM and, when it returns something, a
 * reply. The objects can be used here, in this JVM's child processes and pool workers; not in their
 * children or in unrelated JVMs.
 *
 * <p>Everything crossing processes is serialized with the manager's serializer; pools and processes
 * that use its objects must use a serializer with the same configuration (checked on first use).
 *
 * <p>Implementations are thread-safe.
 */
public interface Manager extends AutoCloseable {

  /**
   * Starts a manager with the highest-priority serializer on the classpath: Python's {@code
   * Manager()}. Cheap: no process is started.
   *
   * @return the running manager
   * @throws IllegalStateException if no pool implementation or serializer is on the classpath; the
   *     message names the artifact to add
   */
  static Manager start() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Manager.class.getClassLoader();
    }
    PoolFactory factory =
        Providers.best(
            PoolFactory.class, loader, "pool implementation", "org.multiprocessing4j:pool-core");
    SerializerProvider serializer =
        Providers.best(
            SerializerProvider.class,
            loader,
            "serializer",
            "org.multiprocessing4j:serialization-kryo");
    return factory.startManager(serializer, loader);
  }

  /**
   * Creates an unbounded queue: Python's {@code Queue()} and {@code manager.Queue()}.
   *
   * @param <E> the type of the items
   * @return the queue
   * @throws IllegalStateException if the manager is closed
   */
  <E> Queue<E> queue();

  /**
   * Creates a queue that holds at most {@code maxSize} items: Python's {@code Queue(maxsize)}.
   *
   * @param maxSize the bound, or 0 for unbounded
   * @param <E> the type of the items
   * @return the queue
   * @throws IllegalArgumentException if {@code maxSize} is negative
   * @throws IllegalStateException if the manager is closed
   */
  <E> Queue<E> queue(int maxSize);

  /**
   * Creates an unbounded joinable queue: Python's {@code JoinableQueue()}.
   *
   * @param <E> the type of the items
   * @return the queue
   * @throws IllegalStateException if the manager is closed
   */
  <E> JoinableQueue<E> joinableQueue();

  /**
   * Creates a duplex pipe: Python's {@code Pipe()}.
   *
   * @param <T> the type of the messages
   * @return both ends
   * @throws IllegalStateException if the manager is closed
   */
  <T> Pipe<T> pipe();

  /**
   * Creates a pipe: Python's {@code Pipe(duplex)}. A one-way pipe's first end receives and its
   * second end sends.
   *
   * @param duplex whether both ends send and receive
   * @param <T> the type of the messages
   * @return both ends
   * @throws IllegalStateException if the manager is closed
   */
  <T> Pipe<T> pipe(boolean duplex);

  /**
   * Creates a lock: Python's {@code Lock()} and {@code manager.Lock()}.
   *
   * @return the lock, free
   * @throws IllegalStateException if the manager is closed
   */
  Lock lock();

  /**
   * Creates a semaphore: Python's {@code Semaphore(permits)}.
   *
   * @param permits the permits free at first
   * @return the semaphore
   * @throws IllegalArgumentException if {@code permits} is negative
   * @throws IllegalStateException if the manager is closed
   */
  Semaphore semaphore(int permits);

  /**
   * Creates a semaphore that refuses to hold more than {@code permits}: Python's {@code
   * BoundedSemaphore(permits)}.
   *
   * @param permits the permits free at first, and the most ever free
   * @return the semaphore
   * @throws IllegalArgumentException if {@code permits} is negative
   * @throws IllegalStateException if the manager is closed
   */
  Semaphore boundedSemaphore(int permits);

  /**
   * Creates an event, clear: Python's {@code Event()}.
   *
   * @return the event
   * @throws IllegalStateException if the manager is closed
   */
  Event event();

  /**
   * Creates a shared value: Python's {@code manager.Value(typecode, value)}.
   *
   * @param initial the first value; may be null
   * @param <T> the type of the value
   * @return the value
   * @throws SerializationException if {@code initial} cannot be serialized
   * @throws IllegalStateException if the manager is closed
   */
  <T> Value<T> value(T initial);

  /**
   * Creates an empty shared map: Python's {@code manager.dict()}. The map's methods each make one
   * call to this JVM, and the {@link ConcurrentMap} ones ({@code putIfAbsent}, {@code replace},
   * {@code remove(key, value)}) are atomic across processes; {@code compute} and {@code merge}
   * retry until no other process changed the entry in between. Its views ({@code keySet}, {@code
   * values}, {@code entrySet}) and its iterators are unmodifiable snapshots taken by one call, as
   * Python's {@code keys()} and {@code items()} are copies. Keys are compared with {@code equals}
   * and {@code hashCode} in this JVM; keys keep their insertion order, as in Python.
   *
   * @param <K> the type of the keys
   * @param <V> the type of the values
   * @return the map; null keys and values are not allowed
   * @throws IllegalStateException if the manager is closed
   */
  <K, V> ConcurrentMap<K, V> dict();

  /**
   * Creates a shared map holding a copy of {@code initial}: Python's {@code manager.dict(d)}.
   *
   * @param initial the first entries
   * @param <K> the type of the keys
   * @param <V> the type of the values
   * @return the map
   * @throws NullPointerException if {@code initial} or one of its keys or values is null
   * @throws SerializationException if a key or value cannot be serialized
   * @throws IllegalStateException if the manager is closed
   */
  <K, V> ConcurrentMap<K, V> dict(Map<? extends K, ? extends V> initial);

  /**
   * Creates an empty shared list: Python's {@code manager.list()}. Each method makes one call to
   * this JVM; iterators are snapshots taken by one call.
   *
   * @param <E> the type of the elements
   * @return the list; null elements are not allowed
   * @throws IllegalStateException if the manager is closed
   */
  <E> List<E> list();

  /**
   * Creates a shared list holding a copy of {@code initial}: Python's {@code manager.list(seq)}.
   *
   * @param initial the first elements
   * @param <E> the type of the elements
   * @return the list
   * @throws NullPointerException if {@code initial} or one of its elements is null
   * @throws SerializationException if an element cannot be serialized
   * @throws IllegalStateException if the manager is closed
   */
  <E> List<E> list(Collection<? extends E> initial);

  /**
   * Shuts the manager down: Python's {@code shutdown()}; idempotent. Its objects are dropped;
   * callers waiting on them, here or in children, wake with {@link IllegalStateException}, and
   * every later call on them throws it.
   */
  @Override
  void close();
}
