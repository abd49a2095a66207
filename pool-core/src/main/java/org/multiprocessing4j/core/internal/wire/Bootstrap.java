package org.multiprocessing4j.core.internal.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.time.Duration;
import org.multiprocessing4j.spi.NamedProvider;
import org.multiprocessing4j.spi.Providers;
import org.multiprocessing4j.spi.SerializerProvider;
import org.multiprocessing4j.spi.TransportProvider;
import org.multiprocessing4j.spi.TransportSettings;

/**
 * What a worker needs before it can talk to its parent, written to its standard input first thing.
 * Configuration travels here rather than on the command line, where any local user could read it in
 * {@code /proc}.
 *
 * <p>Layout: a 4-byte length, then magic, protocol version, pool name, worker name, parent pid,
 * transport name and provider class, transport parameters, serializer name and provider class,
 * serializer fingerprint, maximum frame size and handshake timeout in milliseconds.
 */
public record Bootstrap(
    String poolName,
    String workerName,
    long parentPid,
    String transportName,
    String transportClass,
    byte[] transportParameters,
    String serializerName,
    String serializerClass,
    String serializerFingerprint,
    int maxFrameSize,
    long handshakeTimeoutMillis) {

  private static final int MAX_BOOTSTRAP_SIZE = 1 << 20;

  public TransportSettings transportSettings() {
    return new TransportSettings(poolName, maxFrameSize, Duration.ofMillis(handshakeTimeoutMillis));
  }

  /** The parent's transport provider. */
  public TransportProvider transportProvider(ClassLoader loader) {
    return provider(
        TransportProvider.class,
        transportClass,
        transportName,
        loader,
        "transport",
        "the parent's transport artifact");
  }

  /** The parent's serializer provider. */
  public SerializerProvider serializerProvider(ClassLoader loader) {
    return provider(
        SerializerProvider.class,
        serializerClass,
        serializerName,
        loader,
        "serializer",
        "the parent's serializer artifact");
  }

  /**
   * Instantiates the provider the parent named by its class: a {@link java.util.ServiceLoader}
   * lookup opens every jar on the classpath, tens of milliseconds of a worker's start on a long
   * one. Falls back to that lookup, whose error says what is missing.
   */
  private static <P extends NamedProvider> P provider(
      Class<P> type,
      String className,
      String name,
      ClassLoader loader,
      String what,
      String artifactHint) {
    try {
      Class<?> found = Class.forName(className, true, loader);
      if (type.isAssignableFrom(found)) {
        P provider = type.cast(found.getConstructor().newInstance());
        if (provider.name().equals(name) && provider.isAvailable()) {
          return provider;
        }
      }
    } catch (ReflectiveOperationException | LinkageError | RuntimeException notHere) {
      // Looked up by name below, which explains what is missing.
    }
    return Providers.byName(type, name, loader, what, artifactHint);
  }

  public void writeTo(OutputStream out) throws IOException {
    FrameWriter body =
        new FrameWriter(256)
            .writeInt(Protocol.MAGIC)
            .writeInt(Protocol.VERSION)
            .writeString(poolName)
            .writeString(workerName)
            .writeLong(parentPid)
            .writeString(transportName)
            .writeString(transportClass)
            .writeBytes(transportParameters)
            .writeString(serializerName)
            .writeString(serializerClass)
            .writeString(serializerFingerprint)
            .writeInt(maxFrameSize)
            .writeLong(handshakeTimeoutMillis);
    FrameWriter framed = new FrameWriter(body.size() + 4).writeInt(body.size());
    framed.write(body.array(), 0, body.size());
    out.write(framed.array(), 0, framed.size());
    out.flush();
  }

  public static Bootstrap readFrom(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int length;
    try {
      length = data.readInt();
    } catch (EOFException e) {
      throw new EOFException("standard input ended before the bootstrap: started by hand?");
    }
    if (length <= 0 || length > MAX_BOOTSTRAP_SIZE) {
      throw new ProtocolException(
          "bad bootstrap length "
              + length
              + ": this program is started by a multiprocessing4j pool, not by hand");
    }
    byte[] body = new byte[length];
    data.readFully(body);
    FrameReader reader = new FrameReader(body);
    if (reader.readInt() != Protocol.MAGIC) {
      throw new ProtocolException("bootstrap does not start with the multiprocessing4j magic");
    }
    int version = reader.readInt();
    if (version != Protocol.VERSION) {
      throw new ProtocolException(
          "parent speaks protocol version "
              + version
              + " but this worker speaks "
              + Protocol.VERSION
              + ": the worker's classpath holds another multiprocessing4j version");
    }
    return new Bootstrap(
        reader.readString(),
        reader.readString(),
        reader.readLong(),
        reader.readString(),
        reader.readString(),
        reader.readBytes(),
        reader.readString(),
        reader.readString(),
        reader.readString(),
        reader.readInt(),
        reader.readLong());
  }
}
