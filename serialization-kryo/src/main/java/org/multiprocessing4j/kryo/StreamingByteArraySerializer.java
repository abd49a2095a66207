package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultArraySerializers.ByteArraySerializer;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes large byte arrays straight to the caller's stream instead of copying them through Kryo's
 * buffer: a 64 MiB array would otherwise be copied once more, 64 KiB at a time. The encoding is
 * Kryo's own, so reading is inherited unchanged.
 */
final class StreamingByteArraySerializer extends ByteArraySerializer {
  /** Caps each direct write, so that a transport never has to take a huge slice at once. */
  static final int MAX_WRITE = 1024 * 1024;

  @Override
  public void write(Kryo kryo, Output output, byte[] bytes) {
    OutputStream stream = output.getOutputStream();
    if (bytes == null || stream == null || bytes.length < output.getBuffer().length) {
      super.write(kryo, output, bytes);
      return;
    }
    output.writeVarInt(bytes.length + 1, true);
    output.flush();
    try {
      for (int offset = 0; offset < bytes.length; offset += MAX_WRITE) {
        stream.write(bytes, offset, Math.min(MAX_WRITE, bytes.length - offset));
      }
    } catch (IOException e) {
      throw new KryoException(e);
    }
  }
}
