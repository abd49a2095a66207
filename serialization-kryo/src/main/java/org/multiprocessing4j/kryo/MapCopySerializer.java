package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Serializes a JDK map that Kryo cannot rebuild, such as a {@code TreeMap.headMap} view, as its
 * entries, and reads it back as a copy: a {@link TreeMap} with the same comparator if it was
 * sorted, a {@link LinkedHashMap} otherwise.
 */
final class MapCopySerializer extends Serializer<Map<Object, Object>> {

  @Override
  public void write(Kryo kryo, Output output, Map<Object, Object> map) {
    if (map instanceof SortedMap) {
      kryo.writeClassAndObject(output, ((SortedMap<Object, Object>) map).comparator());
    }
    output.writeVarInt(map.size(), true);
    for (Map.Entry<Object, Object> entry : map.entrySet()) {
      kryo.writeClassAndObject(output, entry.getKey());
      kryo.writeClassAndObject(output, entry.getValue());
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<Object, Object> read(
      Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
    Map<Object, Object> copy =
        SortedMap.class.isAssignableFrom(type)
            ? new TreeMap<>((Comparator<Object>) kryo.readClassAndObject(input))
            : new LinkedHashMap<>();
    // Registered before the entries are read, so that an entry may refer back to it.
    kryo.reference(copy);
    int size = input.readVarInt(true);
    for (int i = 0; i < size; i++) {
      Object key = kryo.readClassAndObject(input);
      copy.put(key, kryo.readClassAndObject(input));
    }
    return copy;
  }
}
