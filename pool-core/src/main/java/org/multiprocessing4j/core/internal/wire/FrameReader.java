package org.multiprocessing4j.core.internal.wire;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields {@link FrameWriter} wrote, with bounds checks that name what went wrong: for a
 * reader of a named frame, which frame and which field ended too soon.
 */
public final class FrameReader {
  private final byte[] frame;
  private final int start;
  private final int end;
  private final String frameName;
  private String field;
  private int position;

  public FrameReader(byte[] frame) {
    this(frame, 0, frame.length);
  }

  /**
   * Reads {@code frame}, a frame of type {@code frameName}: a field that ends too soon is reported
   * as that frame's, under the name given with {@link #field}.
   */
  public FrameReader(byte[] frame, String frameName) {
    this(frame, 0, frame.length, frameName);
  }

  /** The big-endian long at {@code offset} of {@code bytes}, for a field read without a reader. */
  public static long longAt(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[offset + i] & 0xff);
    }
    return value;
  }

  /**
   * Reads the {@code length} bytes of {@code frame} from {@code offset}: a frame inside a batch.
   */
  public FrameReader(byte[] frame, int offset, int length) {
    this(frame, offset, length, null);
  }

  private FrameReader(byte[] frame, int offset, int length, String frameName) {
    this.frame = frame;
    this.start = offset;
    this.position = offset;
    this.end = offset + length;
    this.frameName = frameName;
  }

  /** Names the field read next, for the message if it ends too soon; returns this reader. */
  public FrameReader field(String name) {
    field = name;
    return this;
  }

  public int readByte() throws ProtocolException {
    require(1);
    return frame[position++] & 0xff;
  }

  public boolean readBoolean() throws ProtocolException {
    return readByte() != 0;
  }

  public int readInt() throws ProtocolException {
    require(4);
    int value =
        ((frame[position] & 0xff) << 24)
            | ((frame[position + 1] & 0xff) << 16)
            | ((frame[position + 2] & 0xff) << 8)
            | (frame[position + 3] & 0xff);
    position += 4;
    return value;
  }

  public long readLong() throws ProtocolException {
    require(8);
    return ((long) readInt() << 32) | (readInt() & 0xffffffffL);
  }

  public String readString() throws ProtocolException {
    int length = readInt();
    if (length == -1) {
      return null;
    }
    requireLength(length);
    String value = new String(frame, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  public byte[] readBytes() throws ProtocolException {
    int length = readInt();
    requireLength(length);
    byte[] value = new byte[length];
    System.arraycopy(frame, position, value, 0, length);
    position += length;
    return value;
  }

  public void skip(int length) throws ProtocolException {
    requireLength(length);
    position += length;
  }

  /** Returns the start of the bytes not read yet; they usually hold a serialized payload. */
  public int position() {
    return position;
  }

  public int remaining() {
    return end - position;
  }

  public byte[] frame() {
    return frame;
  }

  private void requireLength(int length) throws ProtocolException {
    if (length < 0) {
      throw garbled("negative field length " + length + " at offset " + position);
    }
    require(length);
  }

  /**
   * Throws unless {@code bytes} more remain to be read.
   *
   * @throws ProtocolException naming the frame and field, if this reader's frame is named
   */
  public void require(int bytes) throws ProtocolException {
    if (end - position < bytes) {
      if (frameName != null) {
        throw new ProtocolException(
            "truncated "
                + frameName
                + " frame: "
                + fieldName()
                + " needs "
                + bytes
                + " bytes at offset "
                + (position - start)
                + " but the frame has "
                + (end - start));
      }
      throw new ProtocolException(
          "frame of "
              + end
              + " bytes ends at offset "
              + position
              + " where "
              + bytes
              + " more were expected");
    }
  }

  /**
   * The failure of a field that was read but makes no sense, its message prefixed with the frame
   * and field if this reader's frame is named.
   */
  public ProtocolException garbled(String what) {
    return new ProtocolException(
        frameName == null ? what : "garbled " + frameName + " frame: " + fieldName() + ": " + what);
  }

  private String fieldName() {
    return field == null ? "a field" : field;
  }
}
