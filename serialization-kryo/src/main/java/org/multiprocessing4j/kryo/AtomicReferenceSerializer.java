package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serializes an {@link AtomicReference} through {@code get} and {@code set}. Kryo's own version
 * registers the reference only after reading its value, which breaks a value that points back at
 * it.
 */
final class AtomicReferenceSerializer extends Serializer<AtomicReference<Object>> {

  @Override
  public void write(Kryo kryo, Output output, AtomicReference<Object> reference) {
    kryo.writeClassAndObject(output, reference.get());
  }

  @Override
  public AtomicReference<Object> read(
      Kryo kryo, Input input, Class<? extends AtomicReference<Object>> type) {
    AtomicReference<Object> reference = new AtomicReference<>();
    kryo.reference(reference);
    reference.set(kryo.readClassAndObject(input));
    return reference;
  }
}
