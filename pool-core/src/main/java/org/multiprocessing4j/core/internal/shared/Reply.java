package org.multiprocessing4j.core.internal.shared;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.concurrent.CompletionException;
import org.multiprocessing4j.core.internal.wire.Encoded;
import org.multiprocessing4j.core.internal.wire.FailureCodec;
import org.multiprocessing4j.core.internal.wire.FrameReader;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.Protocol;
import org.multiprocessing4j.spi.Serializer;

/**
 * A reply to a call on a shared object, as the caller reads it. Layout: {@link Protocol#REPLY},
 * call id, status, then what the operation returns, which the {@code read} methods read in order: a
 * garbled reply is a failure of the way to the owner, not of the caller, and throws {@link
 * IllegalStateException}.
 */
public final class Reply {
  /** Bytes before the payload: type, call id, status. */
  static final int HEADER = 1 + 8 + 1;

  private static final String UNREADABLE = "unreadable reply from a shared object's owner";

  /** The call was done; what it returns follows. */
  static final int OK = 0;

  /** The operation threw; a {@link FailureCodec} failure record follows. */
  static final int FAILED = 1;

  /** A waiting call's time ran out. */
  static final int TIMEOUT = 2;

  /** The caller cancelled the waiting call before it could be done. */
  static final int CANCELLED = 3;

  /** The object's manager is closed, or the object is unknown here; a message follows. */
  static final int CLOSED = 4;

  /** The call was refused as wrong; a message follows (for example a lock released while free). */
  static final int REFUSED = 5;

  final int status;
  final FrameReader payload;

  private Reply(int status, FrameReader payload) {
    this.status = status;
    this.payload = payload;
  }

  /** Reads a reply frame, positioned after its status. */
  static Reply read(byte[] frame) throws ProtocolException {
    FrameReader reader = new FrameReader(frame);
    reader.readByte();
    reader.readLong();
    return new Reply(reader.readByte(), reader);
  }

  /** Starts a reply frame for {@code callId}; the operation's result is written after it. */
  static FrameWriter frame(long callId, int status) {
    return frame(callId, status, 64);
  }

  /** Starts a reply frame with room for {@code payloadBytes} more without growing. */
  static FrameWriter frame(long callId, int status, int payloadBytes) {
    return new FrameWriter(HEADER + payloadBytes)
        .writeByte(Protocol.REPLY)
        .writeLong(callId)
        .writeByte(status);
  }

  /** Reads the call id of a reply frame. */
  static long callId(byte[] frame) {
    return FrameReader.longAt(frame, 1);
  }

  /**
   * Returns normally for {@link #OK}, {@link #TIMEOUT} and {@link #CANCELLED}, which the caller
   * reads by status; throws the failure the other statuses carry.
   *
   * @throws IllegalStateException for {@link #CLOSED} and {@link #REFUSED}, with the host's message
   * @throws CompletionException for {@link #FAILED}, with the operation's exception as its cause
   */
  Reply orThrow(FailureCodec failures) {
    try {
      switch (status) {
        case OK, TIMEOUT, CANCELLED -> {
          return this;
        }
        case CLOSED, REFUSED -> throw new IllegalStateException(payload.readString());
        case FAILED -> throw new CompletionException(failures.read(payload));
        default -> throw new ProtocolException("unknown reply status " + status);
      }
    } catch (IOException unreadable) {
      throw new IllegalStateException(UNREADABLE, unreadable);
    }
  }

  boolean isOk() {
    return status == OK;
  }

  boolean readBoolean() {
    return read(FrameReader::readBoolean);
  }

  int readByte() {
    return read(FrameReader::readByte);
  }

  int readInt() {
    return read(FrameReader::readInt);
  }

  long readLong() {
    return read(FrameReader::readLong);
  }

  byte[] readBytes() {
    return read(FrameReader::readBytes);
  }

  /** Reads an object written with {@link Encoded#write}. */
  Object readObject(Serializer serializer) {
    return read(reader -> Encoded.read(serializer, reader));
  }

  /** One field of what an operation returns. */
  private interface Field<T> {
    T read(FrameReader reader) throws ProtocolException;
  }

  private <T> T read(Field<T> field) {
    try {
      return field.read(payload);
    } catch (ProtocolException garbled) {
      throw new IllegalStateException(UNREADABLE, garbled);
    }
  }
}
