package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A configured Kryo with its own output and input buffers. Kryo and its buffers are not thread
 * safe, so they are pooled together and used by one thread at a time.
 */
final class PooledKryo {
  /**
   * Kryo's output buffer. It is flushed to the caller's stream whenever it fills, so this is also
   * the largest single write the caller's stream sees (apart from big byte arrays, see {@link
   * StreamingByteArraySerializer}).
   */
  static final int BUFFER_SIZE = 64 * 1024;

  private static final byte[] NO_BYTES = new byte[0];

  private final Kryo kryo;
  private final Output output;
  private final Input input;
  private final NonFlushingStream destination = new NonFlushingStream();

  PooledKryo(Kryo kryo, BufferKind bufferKind) {
    this.kryo = kryo;
    this.output = bufferKind.newOutput(BUFFER_SIZE);
    this.input = bufferKind.newInput();
  }

  void write(Object value, OutputStream out) {
    destination.attach(out);
    output.setOutputStream(destination);
    kryo.writeClassAndObject(output, value);
    output.flush();
    output.setOutputStream(null);
    destination.detach();
  }

  /** Returns the exception the caller's stream threw during the last {@link #write}, if any. */
  IOException destinationFailure() {
    return destination.failure();
  }

  Object read(byte[] data, int offset, int length) {
    input.setBuffer(data, offset, length);
    Object value = kryo.readClassAndObject(input);
    int unread = offset + length - input.position();
    input.setBuffer(NO_BYTES);
    if (unread != 0) {
      throw new KryoException(
          unread + " bytes were left unread after the object, so writer and reader disagree");
    }
    return value;
  }
}
