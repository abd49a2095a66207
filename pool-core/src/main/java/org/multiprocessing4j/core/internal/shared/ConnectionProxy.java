package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Connection.CLOSE;
import static org.multiprocessing4j.core.internal.wire.Operations.Connection.END_CLOSED;
import static org.multiprocessing4j.core.internal.wire.Operations.Connection.END_OF_FILE;
import static org.multiprocessing4j.core.internal.wire.Operations.Connection.IS_CLOSED;
import static org.multiprocessing4j.core.internal.wire.Operations.Connection.POLL;
import static org.multiprocessing4j.core.internal.wire.Operations.Connection.RAW;
import static org.multiprocessing4j.core.internal.wire.Operations.Connection.RAW_NEXT;
import static org.multiprocessing4j.core.internal.wire.Operations.Connection.READY;
import static org.multiprocessing4j.core.internal.wire.Operations.Connection.RECV;
import static org.multiprocessing4j.core.internal.wire.Operations.Connection.SEND;
import static org.multiprocessing4j.core.internal.wire.Operations.Connection.SERIALIZED;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.multiprocessing4j.Connection;
import org.multiprocessing4j.Pipe;
import org.multiprocessing4j.core.internal.wire.Encoded;
import org.multiprocessing4j.core.internal.wire.FrameWriter;

/**
 * One end of a pipe whose messages wait in its manager's JVM, in a {@link SharedPipe}. A send is a
 * one-way call: it never waits for the manager's JVM, and it reaches the pipe in order with
 * everything else this JVM sends there.
 *
 * @param <T> the type of the messages
 */
final class ConnectionProxy<T> extends ObjectProxy implements Connection<T> {
  private final int end;
  private final boolean duplex;

  /** What this JVM learned from its own calls; other JVMs learn it from the pipe's owner. */
  private transient volatile boolean closed;

  private transient volatile boolean peerClosed;

  private ConnectionProxy(long id, int end, boolean duplex) {
    super(id);
    this.end = end;
    this.duplex = duplex;
  }

  /** Both ends of the pipe {@code id}; a one-way pipe's first end receives, its second sends. */
  static <T> Pipe<T> pipe(long id, boolean duplex) {
    return new Pipe<>(new ConnectionProxy<>(id, 0, duplex), new ConnectionProxy<>(id, 1, duplex));
  }

  @Override
  public void send(T message) throws IOException {
    ObjectLink link = linkForSending();
    FrameWriter frame = frame(SEND, 2 + 4 + 32).writeByte(end).writeByte(SERIALIZED);
    transmit(link, Encoded.write(link.serializer(), message, frame));
  }

  @Override
  public void sendBytes(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    ObjectLink link = linkForSending();
    FrameWriter frame = frame(SEND, 2 + 4 + length).writeByte(end).writeByte(RAW).writeInt(length);
    frame.write(bytes, offset, length);
    transmit(link, frame);
  }

  @Override
  public void sendBytes(byte[] bytes) throws IOException {
    sendBytes(bytes, 0, bytes.length);
  }

  /** Checks that this end may send, as far as this JVM knows, and finds the way to the pipe. */
  private ObjectLink linkForSending() throws IOException {
    if (!isWritable()) {
      throw new IllegalStateException(
          "This end of a one-way pipe only receives: send on the pipe's second end (Python's"
              + " reader, writer = Pipe(duplex=False))");
    }
    if (closed) {
      throw new IOException("This end of the pipe is closed");
    }
    if (peerClosed) {
      throw new IOException("The other end of the pipe is closed: nobody can receive the message");
    }
    try {
      return link();
    } catch (IllegalStateException unreachable) {
      throw new IOException(unreachable.getMessage(), unreachable);
    }
  }

  private static void transmit(ObjectLink link, FrameWriter frame) throws IOException {
    try {
      link.oneWay(frame);
    } catch (IllegalStateException unreachable) {
      throw new IOException(unreachable.getMessage(), unreachable);
    }
  }

  @Override
  public T recv() throws IOException, InterruptedException {
    return decode(receive(true).reply());
  }

  @Override
  public byte[] recvBytes() throws IOException, InterruptedException {
    Message message = receive(false);
    byte[] bytes = message.reply().readBytes();
    return message.kind() == SERIALIZED
        ? Encoded.serializerForm(link().serializer(), bytes)
        : bytes;
  }

  /** A received message: its kind, and the reply positioned at its bytes. */
  private record Message(int kind, Reply reply) {}

  /** Receives the next message. */
  private Message receive(boolean serializedOnly) throws IOException, InterruptedException {
    requireReadable();
    Reply reply = call(frame(RECV, 2).writeByte(end).writeBoolean(serializedOnly));
    int outcome = reply.readByte();
    switch (outcome) {
      case SERIALIZED, RAW -> {
        return new Message(outcome, reply);
      }
      case RAW_NEXT ->
          throw new IOException(
              "The next message was sent with sendBytes: receive it with recvBytes (it stays next)");
      case END_OF_FILE -> {
        peerClosed = true;
        throw new EOFException(
            "The other end of the pipe is closed and every message it sent was received");
      }
      default -> throw closedNow(outcome);
    }
  }

  @Override
  public boolean poll(Duration timeout) throws IOException, InterruptedException {
    long nanos = WaitTime.nanos(timeout);
    requireReadable();
    Reply reply = callWithin(frame(POLL, 9).writeByte(end).writeLong(nanos), nanos);
    if (!reply.isOk()) {
      return false;
    }
    int outcome = reply.readByte();
    if (outcome != READY) {
      throw closedNow(outcome);
    }
    return true;
  }

  private IOException closedNow(int outcome) {
    if (outcome != END_CLOSED) {
      return new IOException("unexpected answer " + outcome + " from the pipe's owner");
    }
    closed = true;
    return new IOException("This end of the pipe is closed");
  }

  private void requireReadable() {
    if (!isReadable()) {
      throw new IllegalStateException(
          "This end of a one-way pipe only sends: receive on the pipe's first end (Python's"
              + " reader, writer = Pipe(duplex=False))");
    }
  }

  @Override
  public boolean isReadable() {
    return duplex || end == 0;
  }

  @Override
  public boolean isWritable() {
    return duplex || end == 1;
  }

  @Override
  public boolean isClosed() {
    return callPromptly(frame(IS_CLOSED, 1).writeByte(end)).readBoolean();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    callPromptly(frame(CLOSE, 1).writeByte(end));
    closed = true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConnectionProxy<?> that && that.id == id && that.end == end;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id) * 31 + end;
  }

  @Override
  public String toString() {
    return "Connection[" + (end == 0 ? "first" : "second") + (duplex ? "" : ", one-way") + "]";
  }
}
