package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.core.internal.wire.Decoded;
import org.multiprocessing4j.core.internal.wire.Encoded;
import org.multiprocessing4j.core.internal.wire.FrameReader;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.spi.Serializer;

/**
 * The state of a shared map ({@link org.multiprocessing4j.Manager#dict()}): keys decoded, so that
 * {@code equals} and {@code hashCode} run here, with the bytes they came as; values as bytes,
 * decoded only where a call compares them. Entries keep their insertion order, as Python's dict
 * does.
 */
final class SharedMap extends SharedCollection {
  private final Serializer serializer;
  private final Map<Object, Entry> entries = new LinkedHashMap<>();

  /**
   * An entry as it came: the key's encoding (its decoded form is the map's key) and the value's.
   */
  private record Entry(byte[] key, byte[] value) {}

  SharedMap(Serializer serializer) {
    super("map", "A key or value");
    this.serializer = serializer;
  }

  /**
   * Adds an entry from its encodings, for the initial content.
   *
   * @throws SerializationException if the key cannot be decoded here
   */
  void putEncoded(byte[] key, byte[] value) {
    Decoded decoded = Decoded.of(serializer, key);
    synchronized (this) {
      put(decoded, value);
    }
  }

  @Override
  Change read(Call call) throws ProtocolException {
    FrameReader args = call.args();
    return switch (call.operation()) {
      case Operations.Map.GET -> {
        Object key = readKey(args);
        yield reply -> writeFound(reply, entries.get(key));
      }
      case Operations.Map.PUT -> {
        Decoded key = Decoded.read(serializer, args);
        byte[] value = args.readBytes();
        yield reply -> writeFound(reply, put(key, value));
      }
      case Operations.Map.REMOVE -> {
        Object key = readKey(args);
        yield reply -> writeFound(reply, entries.remove(key));
      }
      case Operations.Map.CONTAINS_KEY -> {
        Object key = readKey(args);
        yield reply -> reply.writeBoolean(entries.containsKey(key));
      }
      case Operations.Map.CONTAINS_VALUE -> {
        Decoded value = Decoded.read(serializer, args);
        yield reply -> reply.writeBoolean(containsValue(value));
      }
      case Operations.Collection.SIZE -> reply -> reply.writeInt(entries.size());
      case Operations.Map.CLEAR ->
          reply -> {
            entries.clear();
            return reply;
          };
      case Operations.Map.PUT_ALL -> readPutAll(args);
      case Operations.Collection.SNAPSHOT -> this::writeSnapshot;
      case Operations.Map.PUT_IF_ABSENT -> {
        Decoded key = Decoded.read(serializer, args);
        byte[] value = args.readBytes();
        Entry entry = new Entry(key.bytes(), value);
        yield reply -> writeFound(reply, entries.putIfAbsent(key.object(), entry));
      }
      case Operations.Map.REMOVE_IF_EQUAL -> {
        Object key = readKey(args);
        Decoded expected = Decoded.read(serializer, args);
        yield reply -> reply.writeBoolean(holds(key, expected) && entries.remove(key) != null);
      }
      case Operations.Map.REPLACE -> {
        Object key = readKey(args);
        byte[] value = args.readBytes();
        yield reply -> writeFound(reply, replace(key, value));
      }
      case Operations.Map.REPLACE_IF_EQUAL -> {
        Object key = readKey(args);
        Decoded expected = Decoded.read(serializer, args);
        byte[] value = args.readBytes();
        yield reply -> reply.writeBoolean(holds(key, expected) && replace(key, value) != null);
      }
      default -> throw unknownOperation(call);
    };
  }

  @Override
  public synchronized void close() {
    super.close();
    entries.clear();
  }

  private Change readPutAll(FrameReader args) throws ProtocolException {
    int count = Encoded.readCount(args);
    Decoded[] keys = new Decoded[count];
    byte[][] values = new byte[count][];
    for (int i = 0; i < count; i++) {
      keys[i] = Decoded.read(serializer, args);
      values[i] = args.readBytes();
    }
    return reply -> {
      for (int i = 0; i < count; i++) {
        put(keys[i], values[i]);
      }
      return reply;
    };
  }

  /** Puts an entry, keeping the key the map already holds if there is one, as a HashMap does. */
  private Entry put(Decoded key, byte[] value) {
    Entry existing = entries.get(key.object());
    entries.put(key.object(), new Entry(existing == null ? key.bytes() : existing.key(), value));
    return existing;
  }

  /** Replaces the value of {@code key}, if it has one; returns the entry replaced, or null. */
  private Entry replace(Object key, byte[] value) {
    Entry existing = entries.get(key);
    if (existing != null) {
      entries.put(key, new Entry(existing.key(), value));
    }
    return existing;
  }

  private boolean holds(Object key, Decoded expected) {
    Entry entry = entries.get(key);
    return entry != null && expected.matches(serializer, entry.value());
  }

  private boolean containsValue(Decoded value) {
    for (Entry entry : entries.values()) {
      if (value.matches(serializer, entry.value())) {
        return true;
      }
    }
    return false;
  }

  private FrameWriter writeSnapshot(FrameWriter reply) {
    reply.writeInt(entries.size());
    for (Entry entry : entries.values()) {
      reply.writeBytes(entry.key()).writeBytes(entry.value());
    }
    return reply;
  }

  private static FrameWriter writeFound(FrameWriter reply, Entry entry) {
    reply.writeBoolean(entry != null);
    return entry == null ? reply : reply.writeBytes(entry.value());
  }

  private Object readKey(FrameReader args) throws ProtocolException {
    return Encoded.read(serializer, args);
  }
}
