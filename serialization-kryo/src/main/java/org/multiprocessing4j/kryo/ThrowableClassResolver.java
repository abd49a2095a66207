package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Registration;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.util.DefaultClassResolver;

/**
 * Writes every throwable under the registration of {@link Throwable} instead of its own class name.
 * Otherwise a reader lacking the exception's class would fail on the class name before {@link
 * ThrowableSerializer} could stand in a {@link org.multiprocessing4j.RemoteException}; the
 * serializer carries the real class name itself.
 */
final class ThrowableClassResolver extends DefaultClassResolver {

  @Override
  @SuppressWarnings("rawtypes")
  public Registration writeClass(Output output, Class type) {
    boolean throwable = type != null && Throwable.class.isAssignableFrom(type);
    return super.writeClass(output, throwable ? Throwable.class : type);
  }
}
