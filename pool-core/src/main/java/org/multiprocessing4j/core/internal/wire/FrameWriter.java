package org.multiprocessing4j.core.internal.wire;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds one frame in a growable array: the pool's own header fields, then whatever a serializer
 * streams in. The finished array goes to the channel without a copy.
 */
public final class FrameWriter extends OutputStream {
  /**
   * How much of an array must remain after a slice for the writer to reserve room for it; smaller
   * remainders are a serializer's own buffer, flushed part full, not a payload still to come.
   */
  private static final int ANNOUNCED_MIN = 1 << 20;

  /** Room kept after a large array's announced end, for the fields that follow a payload. */
  private static final int TAIL_ROOM = 64 << 10;

  private byte[] buffer;
  private int size;

  public FrameWriter(int initialCapacity) {
    buffer = new byte[initialCapacity];
  }

  @Override
  public void write(int b) {
    ensure(1);
    buffer[size++] = (byte) b;
  }

  /**
   * Appends bytes. A serializer streams a large array in slices, so a slice that is not the end of
   * its array announces how much more will come: growing once for all of it saves copying the frame
   * again at every doubling (about as many bytes as the array itself).
   */
  @Override
  public void write(byte[] bytes, int offset, int length) {
    int announced = bytes.length - offset - length;
    ensure(length, announced >= ANNOUNCED_MIN ? (long) announced + TAIL_ROOM : 0);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  public FrameWriter writeByte(int value) {
    write(value);
    return this;
  }

  public FrameWriter writeBoolean(boolean value) {
    return writeByte(value ? 1 : 0);
  }

  public FrameWriter writeInt(int value) {
    ensure(4);
    buffer[size++] = (byte) (value >>> 24);
    buffer[size++] = (byte) (value >>> 16);
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) value;
    return this;
  }

  public FrameWriter writeLong(long value) {
    writeInt((int) (value >>> 32));
    return writeInt((int) value);
  }

  /** Writes a nullable string: a length (-1 for null), then UTF-8 bytes. */
  public FrameWriter writeString(String value) {
    if (value == null) {
      return writeInt(-1);
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeInt(bytes.length);
    write(bytes, 0, bytes.length);
    return this;
  }

  public FrameWriter writeBytes(byte[] bytes) {
    writeInt(bytes.length);
    write(bytes, 0, bytes.length);
    return this;
  }

  /** Makes room for {@code bytes} more bytes and returns where they start in {@link #array}. */
  int reserve(int bytes) {
    ensure(bytes);
    int start = size;
    size += bytes;
    return start;
  }

  public int size() {
    return size;
  }

  /**
   * Overwrites the 4 bytes at {@code position}, written or reserved earlier, with {@code value}.
   */
  public void patchInt(int position, int value) {
    buffer[position] = (byte) (value >>> 24);
    buffer[position + 1] = (byte) (value >>> 16);
    buffer[position + 2] = (byte) (value >>> 8);
    buffer[position + 3] = (byte) value;
  }

  /** Overwrites the 8 bytes at {@code position}, written earlier, with {@code value}. */
  public void patchLong(int position, long value) {
    patchInt(position, (int) (value >>> 32));
    patchInt(position + 4, (int) value);
  }

  /** Forgets everything after {@code position}, so that a failed serialization can be undone. */
  public void truncate(int position) {
    size = position;
  }

  public byte[] array() {
    return buffer;
  }

  private void ensure(int more) {
    ensure(more, 0);
  }

  /**
   * Makes room for {@code more} bytes and, if the array must grow anyway, {@code expected} more.
   */
  private void ensure(int more, long expected) {
    int needed = size + more;
    if (needed < 0) {
      throw new OutOfMemoryError("frame larger than 2 GiB");
    }
    if (needed > buffer.length) {
      long capacity = Math.max(needed + expected, buffer.length * 2L);
      byte[] grown = new byte[(int) Math.min(Integer.MAX_VALUE - 8, capacity)];
      System.arraycopy(buffer, 0, grown, 0, size);
      buffer = grown;
    }
  }
}
