package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;

/**
 * Serializes a map wrapper as its entries (and comparator, if sorted), and reads it back as the
 * same kind of wrapper around a new map.
 */
final class MapWrapperSerializer extends Serializer<Map<Object, Object>> {
  private final MapWrapper wrapper;

  MapWrapperSerializer(MapWrapper wrapper) {
    this.wrapper = wrapper;
  }

  @Override
  public void write(Kryo kryo, Output output, Map<Object, Object> wrapped) {
    // A synchronized wrapper locks on itself; iterating it must too.
    synchronized (wrapped) {
      if (wrapper.sorted()) {
        kryo.writeClassAndObject(output, ((SortedMap<Object, Object>) wrapped).comparator());
      }
      output.writeVarInt(wrapped.size(), true);
      for (Map.Entry<Object, Object> entry : wrapped.entrySet()) {
        kryo.writeClassAndObject(output, entry.getKey());
        kryo.writeClassAndObject(output, entry.getValue());
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<Object, Object> read(
      Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
    Comparator<Object> comparator =
        wrapper.sorted() ? (Comparator<Object>) kryo.readClassAndObject(input) : null;
    Map<Object, Object> backing = wrapper.newBacking(comparator);
    Map<Object, Object> wrapped = wrapper.wrap(backing);
    // Registered before the entries are read, so that an entry may refer back to it.
    kryo.reference(wrapped);
    int size = input.readVarInt(true);
    for (int i = 0; i < size; i++) {
      Object key = kryo.readClassAndObject(input);
      backing.put(key, kryo.readClassAndObject(input));
    }
    return wrapped;
  }
}
