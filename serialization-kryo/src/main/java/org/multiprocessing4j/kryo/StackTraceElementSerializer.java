package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;

/**
 * Serializes stack trace elements through their public accessors and constructor, which Kryo's
 * field serializer cannot do on Java 17 without opening {@code java.lang}.
 */
final class StackTraceElementSerializer extends Serializer<StackTraceElement> {

  StackTraceElementSerializer() {
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output output, StackTraceElement element) {
    writeElement(output, element);
  }

  @Override
  public StackTraceElement read(Kryo kryo, Input input, Class<? extends StackTraceElement> type) {
    return readElement(input);
  }

  static void writeElement(Output output, StackTraceElement element) {
    output.writeString(element.getClassLoaderName());
    output.writeString(element.getModuleName());
    output.writeString(element.getModuleVersion());
    output.writeString(element.getClassName());
    output.writeString(element.getMethodName());
    output.writeString(element.getFileName());
    output.writeVarInt(element.getLineNumber(), false);
  }

  static StackTraceElement readElement(Input input) {
    return new StackTraceElement(
        input.readString(),
        input.readString(),
        input.readString(),
        input.readString(),
        input.readString(),
        input.readString(),
        input.readVarInt(false));
  }
}
