package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.serializers.ImmutableSerializer;
import java.io.File;

/** Serializes a {@link File} as its path string; its fields are closed to Kryo on Java 17. */
final class FileSerializer extends ImmutableSerializer<File> {

  @Override
  public void write(Kryo kryo, Output output, File file) {
    output.writeString(file.getPath());
  }

  @Override
  public File read(Kryo kryo, Input input, Class<? extends File> type) {
    return new File(input.readString());
  }
}
