package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.serializers.ClosureSerializer;
import java.io.Serializable;

/**
 * Kryo's lambda serializer, failing early with a useful message when the lambda's target interface
 * is not Serializable (the JDK then gives it no {@code writeReplace} to describe it).
 */
final class LambdaSerializer extends ClosureSerializer {

  @Override
  public void write(Kryo kryo, Output output, Object lambda) {
    if (!(lambda instanceof Serializable)) {
      throw UnserializableTypeException.notSerializableLambda(lambda.getClass());
    }
    super.write(kryo, output, lambda);
  }
}
