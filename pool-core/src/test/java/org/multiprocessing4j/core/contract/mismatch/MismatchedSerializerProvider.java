package org.multiprocessing4j.core.contract.mismatch;

import java.io.IOException;
import java.io.OutputStream;
import org.multiprocessing4j.CurrentProcess;
import org.multiprocessing4j.kryo.KryoSerializerProvider;
import org.multiprocessing4j.spi.Serializer;
import org.multiprocessing4j.spi.SerializerProvider;

/**
 * A serializer whose configuration differs between parent and worker, as when the workers'
 * classpath holds another version: the pool must refuse to start rather than garble data. Priority
 * 0, so it is used only when asked for by name.
 */
public final class MismatchedSerializerProvider extends SerializerProvider {

  public MismatchedSerializerProvider() {}

  @Override
  public String name() {
    return "mismatched";
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public Serializer create(ClassLoader classLoader) {
    Serializer kryo = new KryoSerializerProvider().create(classLoader);
    return new Serializer() {
      @Override
      public void serialize(Object value, OutputStream out) throws IOException {
        kryo.serialize(value, out);
      }

      @Override
      public Object deserialize(byte[] data, int offset, int length) {
        return kryo.deserialize(data, offset, length);
      }

      @Override
      public String fingerprint() {
        return CurrentProcess.isWorker() ? "version-2" : "version-1";
      }
    };
  }
}
