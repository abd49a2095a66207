package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.serializers.JavaSerializer;
import java.util.EnumMap;
import java.util.Map;

/**
 * Serializes an {@link EnumMap} without reading its private key type: a non-empty map gives it away
 * through its first key. An empty map has no key to ask, so it goes through Java serialization,
 * which only has to carry the key type.
 */
final class EnumMapSerializer extends Serializer<EnumMap<?, ?>> {
  private final JavaSerializer emptyMaps = new JavaSerializer();

  @Override
  public void write(Kryo kryo, Output output, EnumMap<?, ?> map) {
    output.writeVarInt(map.size(), true);
    if (map.isEmpty()) {
      emptyMaps.write(kryo, output, map);
      return;
    }
    kryo.writeClass(output, map.keySet().iterator().next().getDeclaringClass());
    for (Map.Entry<? extends Enum<?>, ?> entry : map.entrySet()) {
      output.writeVarInt(entry.getKey().ordinal(), true);
      kryo.writeClassAndObject(output, entry.getValue());
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public EnumMap<?, ?> read(Kryo kryo, Input input, Class<? extends EnumMap<?, ?>> type) {
    int size = input.readVarInt(true);
    if (size == 0) {
      return (EnumMap<?, ?>) emptyMaps.read(kryo, input, type);
    }
    Class<Enum> keyType = kryo.readClass(input).getType();
    Enum[] keys = keyType.getEnumConstants();
    EnumMap map = new EnumMap(keyType);
    kryo.reference(map);
    for (int i = 0; i < size; i++) {
      map.put(keys[input.readVarInt(true)], kryo.readClassAndObject(input));
    }
    return map;
  }
}
