package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.AbstractMap.SimpleEntry;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Map;

/**
 * Serializes the JDK's map entries ({@code Map.entry}, entries taken from a {@code HashMap} or
 * {@code TreeMap}, ...) as key and value, whose fields are closed to Kryo on Java 17. They come
 * back as a {@link SimpleEntry} if they were one, otherwise as a {@link SimpleImmutableEntry}:
 * equal by the {@link Map.Entry} contract, but detached from any map.
 */
final class MapEntrySerializer extends Serializer<Map.Entry<Object, Object>> {

  @Override
  public void write(Kryo kryo, Output output, Map.Entry<Object, Object> entry) {
    kryo.writeClassAndObject(output, entry.getKey());
    kryo.writeClassAndObject(output, entry.getValue());
  }

  @Override
  public Map.Entry<Object, Object> read(
      Kryo kryo, Input input, Class<? extends Map.Entry<Object, Object>> type) {
    Object key = kryo.readClassAndObject(input);
    Object value = kryo.readClassAndObject(input);
    return SimpleEntry.class.equals(type)
        ? new SimpleEntry<>(key, value)
        : new SimpleImmutableEntry<>(key, value);
  }
}
