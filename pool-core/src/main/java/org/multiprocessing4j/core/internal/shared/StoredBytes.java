package org.multiprocessing4j.core.internal.shared;

import org.multiprocessing4j.core.internal.wire.FrameReader;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

/**
 * Bytes an object keeps for a caller, such as a serialized queue item: a slice of the frame they
 * arrived in, kept without a copy (a frame belongs to whoever it is handed to).
 */
record StoredBytes(byte[] array, int offset, int length) {

  /** The bytes of {@code args} not read yet. */
  static StoredBytes rest(FrameReader args) {
    return new StoredBytes(args.frame(), args.position(), args.remaining());
  }

  /** The first byte: a pipe message's kind. */
  int firstByte() {
    return array[offset] & 0xff;
  }

  /** Appends the bytes to {@code frame} and returns it. */
  FrameWriter appendTo(FrameWriter frame) {
    frame.write(array, offset, length);
    return frame;
  }

  /**
   * An {@link ReplyFrame#OK} reply to {@code call} carrying these bytes, sized to hold them
   * exactly.
   */
  FrameWriter reply(Call call) {
    return appendTo(ReplyFrame.start(call.callId(), ReplyFrame.OK, length));
  }
}
