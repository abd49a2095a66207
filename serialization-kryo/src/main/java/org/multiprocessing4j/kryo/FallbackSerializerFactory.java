package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.SerializerFactory.BaseSerializerFactory;
import com.esotericsoftware.kryo.kryo5.serializers.FieldSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.JavaSerializer;
import java.io.Serializable;

/**
 * Chooses the serializer for classes that nothing more specific handles: Kryo's field serializer,
 * except for Serializable JDK classes, whose fields Java 17 closes to Kryo but whose own Java
 * serialization still works.
 */
final class FallbackSerializerFactory extends BaseSerializerFactory<Serializer<?>> {

  @Override
  @SuppressWarnings("rawtypes")
  public Serializer<?> newSerializer(Kryo kryo, Class type) {
    if (JdkClasses.isJdk(type) && Serializable.class.isAssignableFrom(type)) {
      return new JavaSerializer();
    }
    return new FieldSerializer<>(kryo, type);
  }
}
