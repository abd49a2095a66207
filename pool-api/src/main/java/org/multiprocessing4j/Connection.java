package org.multiprocessing4j;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;

/**
 * One end of a {@link Pipe}: Python's {@code multiprocessing.connection.Connection}. Pass it to a
 * {@link Process} or a {@link Pool} task like any other argument; the copy there is the same end.
 *
 * <p>Messages are serialized by {@link #send} and deserialized by {@link #recv}, and arrive whole
 * and in the order they were sent. Raw byte messages ({@link #sendBytes}, {@link #recvBytes}) skip
 * the serializer. In a child process {@code send} does not wait for the message to be received.
 *
 * <p>Closing an end is seen by the other end: once it has received everything sent before the
 * close, its {@code recv} throws {@link EOFException}. An end is also closed when the last process
 * that used it (sent, received or polled on it) exits or dies, so a reader never waits forever for
 * a dead writer. The {@link Manager}'s own process never exits in that sense: an end it used stays
 * open until closed.
 *
 * <p>{@code send} never waits for the pipe's {@link Manager}, so it reports only the closes this
 * object already knows of: this end closed through it, or the other end's close seen through it as
 * an {@link EOFException}. A message sent to an end closed elsewhere is dropped, since nobody could
 * ever receive it (where Python raises {@code BrokenPipeError}).
 *
 * <p>Implementations are thread-safe; messages from one thread keep their order.
 *
 * @param <T> the type of the messages
 */
public interface Connection<T> extends AutoCloseable {

  /**
   * Sends {@code message} to the other end: Python's {@code send(obj)}.
   *
   * @param message the message; may be null
   * @throws IOException if this end or the other end is known to be closed (Python's {@code
   *     OSError} and {@code BrokenPipeError}; see the class comment for what is known), or the
   *     pipe's {@link Manager} is closed or cannot be reached
   * @throws IllegalStateException if this end only receives ({@code Pipe(duplex=False)}'s first
   *     end)
   * @throws SerializationException if {@code message} cannot be serialized
   */
  void send(T message) throws IOException;

  /**
   * Sends {@code length} bytes of {@code bytes} from {@code offset} as one message: Python's {@code
   * send_bytes(buf, offset, size)}. An empty message is a message.
   *
   * @param bytes the bytes; copied before the call returns
   * @param offset where the message starts in {@code bytes}
   * @param length how many bytes
   * @throws IOException as for {@link #send}
   * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not fit {@code bytes}
   * @throws IllegalStateException if this end only receives
   */
  void sendBytes(byte[] bytes, int offset, int length) throws IOException;

  /**
   * Sends all of {@code bytes} as one message: Python's {@code send_bytes(buf)}.
   *
   * @param bytes the bytes; copied before the call returns
   * @throws IOException as for {@link #send}
   * @throws IllegalStateException if this end only receives
   */
  void sendBytes(byte[] bytes) throws IOException;

  /**
   * Receives the next message, waiting for one: Python's {@code recv()}.
   *
   * @return the message
   * @throws EOFException if the other end is closed and every message it sent was received
   * @throws IOException if this end is closed, or the next message was sent with {@link #sendBytes}
   *     (read it with {@link #recvBytes}; it stays next)
   * @throws InterruptedException if interrupted while waiting; no message was taken
   * @throws IllegalStateException if this end only sends
   * @throws SerializationException if the message cannot be deserialized here
   */
  T recv() throws IOException, InterruptedException;

  /**
   * Receives the next message as bytes, waiting for one: Python's {@code recv_bytes()}. A message
   * sent with {@link #send} comes as its serialized form.
   *
   * @return the message's bytes
   * @throws EOFException if the other end is closed and every message it sent was received
   * @throws IOException if this end is closed
   * @throws InterruptedException if interrupted while waiting; no message was taken
   * @throws IllegalStateException if this end only sends
   */
  byte[] recvBytes() throws IOException, InterruptedException;

  /**
   * Waits at most {@code timeout} until there is something to receive: Python's {@code
   * poll(timeout)}. True also when the other end is closed, as {@code recv} would then not block.
   *
   * @param timeout how long to wait; zero does not wait
   * @return {@code true} if {@code recv} would not block
   * @throws IOException if this end is closed
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if this end only sends
   */
  boolean poll(Duration timeout) throws IOException, InterruptedException;

  /**
   * Returns whether this end can receive: Python's {@code readable}. Never blocks.
   *
   * @return {@code false} only for the sending end of a one-way pipe
   */
  boolean isReadable();

  /**
   * Returns whether this end can send: Python's {@code writable}. Never blocks.
   *
   * @return {@code false} only for the receiving end of a one-way pipe
   */
  boolean isWritable();

  /**
   * Returns whether this end is closed: Python's {@code closed}.
   *
   * @return {@code true} once {@link #close()} was called on this end, in any process
   */
  boolean isClosed();

  /**
   * Closes this end in every process that holds it; idempotent: Python's {@code close()}. Messages
   * already sent still reach the other end.
   */
  @Override
  void close();
}
