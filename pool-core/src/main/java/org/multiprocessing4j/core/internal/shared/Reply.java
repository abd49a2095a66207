package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.ReplyFrame.CANCELLED;
import static org.multiprocessing4j.core.internal.wire.ReplyFrame.CLOSED;
import static org.multiprocessing4j.core.internal.wire.ReplyFrame.FAILED;
import static org.multiprocessing4j.core.internal.wire.ReplyFrame.OK;
import static org.multiprocessing4j.core.internal.wire.ReplyFrame.REFUSED;
import static org.multiprocessing4j.core.internal.wire.ReplyFrame.TIMEOUT;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.concurrent.CompletionException;
import org.multiprocessing4j.core.internal.wire.Encoded;
import org.multiprocessing4j.core.internal.wire.FailureCodec;
import org.multiprocessing4j.core.internal.wire.FrameReader;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;
import org.multiprocessing4j.spi.Serializer;

/**
 * A reply to a call on a shared object, as the caller reads it from a {@link ReplyFrame}: its
 * status, then what the operation returns, which the {@code read} methods read in order. A garbled
 * reply is a failure of the way to the owner, not of the caller, and throws {@link
 * IllegalStateException}.
 */
public final class Reply {
  private static final String UNREADABLE = "unreadable reply from a shared object's owner";

  final int status;
  final FrameReader payload;

  private Reply(int status, FrameReader payload) {
    this.status = status;
    this.payload = payload;
  }

  /** Reads a reply frame, positioned after its status. */
  static Reply read(byte[] frame) throws ProtocolException {
    FrameReader payload = ReplyFrame.open(frame);
    return new Reply(ReplyFrame.status(frame), payload);
  }

  /**
   * Returns normally for {@link ReplyFrame#OK}, {@link ReplyFrame#TIMEOUT} and {@link
   * ReplyFrame#CANCELLED}, which the caller reads by status; throws the failure the other statuses
   * carry.
   *
   * @throws IllegalStateException for {@link ReplyFrame#CLOSED} and {@link ReplyFrame#REFUSED},
   *     with the host's message
   * @throws CompletionException for {@link ReplyFrame#FAILED}, with the operation's exception as
   *     its cause
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
