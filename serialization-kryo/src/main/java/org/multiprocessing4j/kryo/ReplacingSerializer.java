package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.Serializable;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Serializes an object as what its {@code writeReplace()} returns, and reads it back as what that
 * replacement's {@code readResolve()} returns: Java serialization's convention for classes that
 * must not travel as their fields. Used for application collections and maps (see {@link
 * JdkAwareKryo}), which Kryo would otherwise copy element by element into a fresh instance: wrong
 * for a handle on a collection that lives elsewhere, such as a shared map's proxy, and impossible
 * for an immutable one.
 */
final class ReplacingSerializer extends Serializer<Object> {
  private final Method writeReplace;

  private ReplacingSerializer(Method writeReplace) {
    this.writeReplace = writeReplace;
  }

  /**
   * A serializer for {@code type} if it is Serializable and it or a superclass declares a no-arg
   * {@code writeReplace()}; {@code null} otherwise.
   */
  static ReplacingSerializer forType(Class<?> type) {
    if (!Serializable.class.isAssignableFrom(type)) {
      return null;
    }
    Method method = declared(type, "writeReplace");
    return method == null ? null : new ReplacingSerializer(method);
  }

  @Override
  public void write(Kryo kryo, Output output, Object object) {
    kryo.writeClassAndObject(output, invoke(writeReplace, object));
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<?> type) {
    Object replacement = kryo.readClassAndObject(input);
    if (replacement == null) {
      return null;
    }
    Method readResolve = declared(replacement.getClass(), "readResolve");
    return readResolve == null ? replacement : invoke(readResolve, replacement);
  }

  private static Method declared(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Method method = c.getDeclaredMethod(name);
        method.setAccessible(true);
        return method;
      } catch (NoSuchMethodException notHere) {
        // Java serialization looks in superclasses too.
      } catch (InaccessibleObjectException closedModule) {
        return null;
      }
    }
    return null;
  }

  private static Object invoke(Method method, Object target) {
    try {
      return method.invoke(target);
    } catch (InvocationTargetException e) {
      throw new KryoException(
          method.getDeclaringClass().getName() + "." + method.getName() + "() threw", e.getCause());
    } catch (IllegalAccessException e) {
      throw new KryoException("cannot call " + method, e);
    }
  }
}
