package org.multiprocessing4j.core.internal;

import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.spi.Serializer;

/**
 * The state of a shared map ({@link org.multiprocessing4j.Manager#dict()}): keys decoded, so that
 * {@code equals} and {@code hashCode} run here, with the bytes they came as; values as bytes,
 * decoded only where a call compares them. Entries keep their insertion order, as Python's dict
 * does.
 *
 * <p>Arguments are decoded before the monitor is taken, and replies sent after it is released, so
 * that callers on different channels contend only for the change itself.
 */
final class SharedMap implements SharedObject {
  private final Serializer serializer;
  private final Map<Object, Entry> entries = new LinkedHashMap<>();
  private boolean closed;

  /**
   * An entry as it came: the key's encoding (its decoded form is the map's key) and the value's.
   */
  private record Entry(byte[] key, byte[] value) {}

  /** An argument that the map compares: its encoding, and the object it decodes to. */
  private record Decoded(byte[] bytes, Object object) {}

  SharedMap(Serializer serializer) {
    this.serializer = serializer;
  }

  /**
   * Adds an entry from its encodings, for the initial content.
   *
   * @throws SerializationException if the key cannot be decoded here
   */
  void putEncoded(byte[] key, byte[] value) {
    Object decoded = serializer.deserialize(key, 0, key.length);
    synchronized (this) {
      put(decoded, key, value);
    }
  }

  @Override
  public void handle(Call call) {
    FrameWriter reply;
    try {
      reply = perform(call);
    } catch (ProtocolException garbled) {
      throw new UncheckedIOException(garbled);
    } catch (SerializationException unreadable) {
      call.answer(
          Reply.REFUSED,
          "A key or value given to a shared map cannot be deserialized in the process that owns"
              + " the map: "
              + unreadable.getMessage()
              + ". Its class must be on that process's classpath too.");
      return;
    }
    if (reply == null) {
      call.answer(Reply.CLOSED, CoreManager.CLOSED_MESSAGE);
    } else {
      call.send(reply);
    }
  }

  @Override
  public void cancel(Caller caller, long callId) {
    // No call waits.
  }

  @Override
  public void callerGone(Caller caller) {
    // A map holds nothing for its callers.
  }

  @Override
  public synchronized void close() {
    closed = true;
    entries.clear();
  }

  /** Does what the call asks; returns the reply, or {@code null} if the map is closed. */
  private FrameWriter perform(Call call) throws ProtocolException {
    FrameReader args = call.args();
    FrameWriter ok = call.okFrame();
    switch (call.operation()) {
      case MapProxy.GET -> {
        Object key = decodeKey(args);
        synchronized (this) {
          return closed ? null : writeFound(ok, entries.get(key));
        }
      }
      case MapProxy.PUT -> {
        Decoded key = decode(args);
        byte[] value = args.readBytes();
        synchronized (this) {
          return closed ? null : writeFound(ok, put(key.object(), key.bytes(), value));
        }
      }
      case MapProxy.REMOVE -> {
        Object key = decodeKey(args);
        synchronized (this) {
          return closed ? null : writeFound(ok, entries.remove(key));
        }
      }
      case MapProxy.CONTAINS_KEY -> {
        Object key = decodeKey(args);
        synchronized (this) {
          return closed ? null : ok.writeBoolean(entries.containsKey(key));
        }
      }
      case MapProxy.CONTAINS_VALUE -> {
        Decoded value = decode(args);
        synchronized (this) {
          return closed ? null : ok.writeBoolean(containsValue(value));
        }
      }
      case MapProxy.SIZE -> {
        synchronized (this) {
          return closed ? null : ok.writeInt(entries.size());
        }
      }
      case MapProxy.CLEAR -> {
        synchronized (this) {
          if (closed) {
            return null;
          }
          entries.clear();
          return ok;
        }
      }
      case MapProxy.PUT_ALL -> {
        int count = Encoded.readCount(args);
        Decoded[] keys = new Decoded[count];
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
          keys[i] = decode(args);
          values[i] = args.readBytes();
        }
        synchronized (this) {
          if (closed) {
            return null;
          }
          for (int i = 0; i < count; i++) {
            put(keys[i].object(), keys[i].bytes(), values[i]);
          }
          return ok;
        }
      }
      case MapProxy.SNAPSHOT -> {
        synchronized (this) {
          if (closed) {
            return null;
          }
          ok.writeInt(entries.size());
          for (Entry entry : entries.values()) {
            ok.writeBytes(entry.key()).writeBytes(entry.value());
          }
          return ok;
        }
      }
      case MapProxy.PUT_IF_ABSENT -> {
        Decoded key = decode(args);
        byte[] value = args.readBytes();
        synchronized (this) {
          if (closed) {
            return null;
          }
          Entry existing = entries.get(key.object());
          if (existing == null) {
            entries.put(key.object(), new Entry(key.bytes(), value));
          }
          return writeFound(ok, existing);
        }
      }
      case MapProxy.REMOVE_IF_EQUAL -> {
        Object key = decodeKey(args);
        Decoded expected = decode(args);
        synchronized (this) {
          if (closed) {
            return null;
          }
          boolean matched = holds(key, expected);
          if (matched) {
            entries.remove(key);
          }
          return ok.writeBoolean(matched);
        }
      }
      case MapProxy.REPLACE -> {
        Object key = decodeKey(args);
        byte[] value = args.readBytes();
        synchronized (this) {
          if (closed) {
            return null;
          }
          Entry existing = entries.get(key);
          if (existing != null) {
            entries.put(key, new Entry(existing.key(), value));
          }
          return writeFound(ok, existing);
        }
      }
      case MapProxy.REPLACE_IF_EQUAL -> {
        Object key = decodeKey(args);
        Decoded expected = decode(args);
        byte[] value = args.readBytes();
        synchronized (this) {
          if (closed) {
            return null;
          }
          boolean matched = holds(key, expected);
          if (matched) {
            entries.put(key, new Entry(entries.get(key).key(), value));
          }
          return ok.writeBoolean(matched);
        }
      }
      default -> throw new IllegalArgumentException("unknown map operation " + call.operation());
    }
  }

  /** Puts an entry, keeping the key the map already holds if there is one, as a HashMap does. */
  private Entry put(Object key, byte[] keyBytes, byte[] value) {
    Entry existing = entries.get(key);
    entries.put(key, new Entry(existing == null ? keyBytes : existing.key(), value));
    return existing;
  }

  private boolean holds(Object key, Decoded expected) {
    Entry entry = entries.get(key);
    return entry != null
        && Encoded.matches(serializer, entry.value(), expected.bytes(), expected.object());
  }

  private boolean containsValue(Decoded value) {
    for (Entry entry : entries.values()) {
      if (Encoded.matches(serializer, entry.value(), value.bytes(), value.object())) {
        return true;
      }
    }
    return false;
  }

  private static FrameWriter writeFound(FrameWriter reply, Entry entry) {
    reply.writeBoolean(entry != null);
    return entry == null ? reply : reply.writeBytes(entry.value());
  }

  private Object decodeKey(FrameReader args) throws ProtocolException {
    return Encoded.read(serializer, args);
  }

  private Decoded decode(FrameReader args) throws ProtocolException {
    byte[] bytes = args.readBytes();
    return new Decoded(bytes, serializer.deserialize(bytes, 0, bytes.length));
  }
}
