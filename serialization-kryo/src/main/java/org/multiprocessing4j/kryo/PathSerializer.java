package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.serializers.ImmutableSerializer;
import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * Serializes a {@link Path} of the default file system as its string form. Its implementation class
 * lives in an internal JDK package that not even {@code --add-opens java.base/java.nio} makes
 * accessible. Paths of other file systems (zip, in-memory) would not mean the same thing in another
 * JVM, so they are refused.
 */
final class PathSerializer extends ImmutableSerializer<Path> {

  @Override
  public void write(Kryo kryo, Output output, Path path) {
    if (path.getFileSystem() != FileSystems.getDefault()) {
      throw new KryoException(
          "Only paths of the default file system can be sent to another JVM, not " + path.toUri());
    }
    output.writeString(path.toString());
  }

  @Override
  public Path read(Kryo kryo, Input input, Class<? extends Path> type) {
    return Path.of(input.readString());
  }
}
