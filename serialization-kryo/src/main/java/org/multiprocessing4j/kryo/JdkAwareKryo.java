package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.ClassResolver;
import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.ReferenceResolver;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.MapSerializer;

/**
 * A Kryo that corrects its choice of serializer where that choice is known to fail, and names the
 * class when no serializer can be built for it.
 *
 * <p>Kryo picks its generic collection or map serializer for any JDK collection it has no specific
 * serializer for. That serializer needs a usable no-arg constructor, which views ({@code subList},
 * {@code keySet}, {@code values}, {@code headMap}, ...) and other private JDK collections lack;
 * Kryo then creates them without running a constructor and they fail on the first {@code add}.
 * Those are serialized as copies instead.
 *
 * <p>An application collection or map that says how it travels, with Java serialization's {@code
 * writeReplace}, travels that way (see {@link ReplacingSerializer}) rather than as its elements.
 */
final class JdkAwareKryo extends Kryo {

  JdkAwareKryo(ClassResolver classResolver, ReferenceResolver referenceResolver) {
    super(classResolver, referenceResolver);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Serializer getDefaultSerializer(Class type) {
    Serializer<?> chosen;
    try {
      chosen = super.getDefaultSerializer(type);
    } catch (RuntimeException | LinkageError unbuildable) {
      throw UnserializableTypeException.noSerializer(type, unbuildable);
    }
    boolean collection = chosen.getClass() == CollectionSerializer.class;
    if (!collection && chosen.getClass() != MapSerializer.class) {
      return chosen;
    }
    if (!JdkClasses.isJdk(type)) {
      ReplacingSerializer replacing = ReplacingSerializer.forType(type);
      return replacing == null ? chosen : replacing;
    }
    if (JdkClasses.hasPublicNoArgConstructor(type)) {
      return chosen;
    }
    return collection ? new CollectionCopySerializer() : new MapCopySerializer();
  }
}
