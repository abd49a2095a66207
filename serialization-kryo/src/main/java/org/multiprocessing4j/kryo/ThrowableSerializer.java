package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.IOException;

/**
 * Serializes throwables faithfully and without {@code --add-opens}. Kryo's field serializer would
 * lose the stack trace, which {@link Throwable} fills lazily from a transient field.
 *
 * <p>The encoding is the {@link ThrowableStructure} followed by the Java serialization of the
 * throwable, when Java serialization can carry it. The reader prefers the Java form, which keeps
 * the throwable's own fields; when that fails (a field is not Serializable, or a class is missing
 * on this side) the structure still yields the class, message, stack trace, cause chain and
 * suppressed throwables, or a {@link org.multiprocessing4j.RemoteException} standing in for a class
 * this JVM lacks.
 */
final class ThrowableSerializer extends Serializer<Throwable> {

  @Override
  public void write(Kryo kryo, Output output, Throwable throwable) {
    ThrowableStructure.of(throwable).write(output);
    byte[] javaForm = javaFormOf(throwable);
    output.writeVarInt(javaForm == null ? 0 : javaForm.length + 1, true);
    if (javaForm != null) {
      output.writeBytes(javaForm);
    }
  }

  @Override
  public Throwable read(Kryo kryo, Input input, Class<? extends Throwable> type) {
    ThrowableStructure structure = ThrowableStructure.read(input);
    int javaLengthPlusOne = input.readVarInt(true);
    if (javaLengthPlusOne > 0) {
      Throwable fromJava = fromJavaForm(input.readBytes(javaLengthPlusOne - 1), kryo);
      if (fromJava != null) {
        return fromJava;
      }
    }
    return structure.rebuild(kryo.getClassLoader());
  }

  /**
   * Serializes into a scratch array rather than into Kryo's output, because a failure half-way
   * through would leave a partial object in the output.
   */
  private static byte[] javaFormOf(Throwable throwable) {
    try {
      return JavaSerialization.toBytes(throwable);
    } catch (IOException | RuntimeException notSerializable) {
      return null;
    }
  }

  private static Throwable fromJavaForm(byte[] javaForm, Kryo kryo) {
    try {
      return (Throwable) JavaSerialization.fromBytes(javaForm, kryo.getClassLoader());
    } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError unreadable) {
      return null;
    }
  }
}
