package org.multiprocessing4j.core.internal;

import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.spi.Serializer;

/**
 * The state of a shared list ({@link org.multiprocessing4j.Manager#list()}): the elements as bytes,
 * decoded only where a call compares them, and a version that every change increments, so that a
 * caller can replace the whole content only if nothing changed since it read it.
 *
 * <p>A call with an index out of range is answered with the size, and the caller throws {@link
 * IndexOutOfBoundsException} as a local list would.
 */
final class SharedList implements SharedObject {
  private final Serializer serializer;
  private final List<byte[]> elements = new ArrayList<>();
  private long version;
  private boolean closed;

  SharedList(Serializer serializer) {
    this.serializer = serializer;
  }

  /** Appends an element's encoding, for the initial content. */
  synchronized void addEncoded(byte[] element) {
    elements.add(element);
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
          "An element given to a shared list cannot be deserialized in the process that owns the"
              + " list: "
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
    // A list holds nothing for its callers.
  }

  @Override
  public synchronized void close() {
    closed = true;
    elements.clear();
  }

  /** Does what the call asks; returns the reply, or {@code null} if the list is closed. */
  private FrameWriter perform(Call call) throws ProtocolException {
    FrameReader args = call.args();
    FrameWriter ok = call.okFrame();
    switch (call.operation()) {
      case ListProxy.GET -> {
        int index = args.readInt();
        synchronized (this) {
          if (closed) {
            return null;
          }
          return outOfRange(index, elements.size(), ok) ? ok : ok.writeBytes(elements.get(index));
        }
      }
      case ListProxy.SET -> {
        int index = args.readInt();
        byte[] element = args.readBytes();
        synchronized (this) {
          if (closed) {
            return null;
          }
          if (outOfRange(index, elements.size(), ok)) {
            return ok;
          }
          version++;
          return ok.writeBytes(elements.set(index, element));
        }
      }
      case ListProxy.ADD -> {
        byte[] element = args.readBytes();
        synchronized (this) {
          if (closed) {
            return null;
          }
          version++;
          elements.add(element);
          return ok;
        }
      }
      case ListProxy.ADD_AT -> {
        int index = args.readInt();
        byte[] element = args.readBytes();
        synchronized (this) {
          if (closed) {
            return null;
          }
          if (outOfRange(index, elements.size() + 1, ok)) {
            return ok;
          }
          version++;
          elements.add(index, element);
          return ok;
        }
      }
      case ListProxy.REMOVE_AT -> {
        int index = args.readInt();
        synchronized (this) {
          if (closed) {
            return null;
          }
          if (outOfRange(index, elements.size(), ok)) {
            return ok;
          }
          version++;
          return ok.writeBytes(elements.remove(index));
        }
      }
      case ListProxy.ADD_ALL -> {
        List<byte[]> added = readElements(args);
        synchronized (this) {
          if (closed) {
            return null;
          }
          version++;
          elements.addAll(added);
          return ok;
        }
      }
      case ListProxy.ADD_ALL_AT -> {
        int index = args.readInt();
        List<byte[]> added = readElements(args);
        synchronized (this) {
          if (closed) {
            return null;
          }
          if (outOfRange(index, elements.size() + 1, ok)) {
            return ok;
          }
          version++;
          elements.addAll(index, added);
          return ok;
        }
      }
      case ListProxy.SIZE -> {
        synchronized (this) {
          return closed ? null : ok.writeInt(elements.size());
        }
      }
      case ListProxy.CLEAR -> {
        synchronized (this) {
          if (closed) {
            return null;
          }
          version++;
          elements.clear();
          return ok;
        }
      }
      case ListProxy.INDEX_OF, ListProxy.LAST_INDEX_OF, ListProxy.REMOVE -> {
        byte[] bytes = args.readBytes();
        Object given = serializer.deserialize(bytes, 0, bytes.length);
        synchronized (this) {
          if (closed) {
            return null;
          }
          int index = find(bytes, given, call.operation() == ListProxy.LAST_INDEX_OF);
          if (call.operation() != ListProxy.REMOVE) {
            return ok.writeInt(index);
          }
          if (index >= 0) {
            version++;
            elements.remove(index);
          }
          return ok.writeBoolean(index >= 0);
        }
      }
      case ListProxy.SNAPSHOT -> {
        synchronized (this) {
          if (closed) {
            return null;
          }
          ok.writeLong(version).writeInt(elements.size());
          elements.forEach(ok::writeBytes);
          return ok;
        }
      }
      case ListProxy.REPLACE_ALL_IF_UNCHANGED -> {
        long seen = args.readLong();
        List<byte[]> replacement = readElements(args);
        synchronized (this) {
          if (closed) {
            return null;
          }
          boolean unchanged = seen == version;
          if (unchanged) {
            version++;
            elements.clear();
            elements.addAll(replacement);
          }
          return ok.writeBoolean(unchanged);
        }
      }
      default -> throw new IllegalArgumentException("unknown list operation " + call.operation());
    }
  }

  /**
   * Whether {@code index} is outside {@code [0, limit)}; if so, writes that answer and the size
   * into {@code reply}, else writes that it is in range.
   */
  private boolean outOfRange(int index, int limit, FrameWriter reply) {
    boolean out = index < 0 || index >= limit;
    reply.writeBoolean(!out);
    if (out) {
      reply.writeInt(elements.size());
    }
    return out;
  }

  private int find(byte[] bytes, Object given, boolean last) {
    int size = elements.size();
    for (int i = 0; i < size; i++) {
      int index = last ? size - 1 - i : i;
      if (Encoded.matches(serializer, elements.get(index), bytes, given)) {
        return index;
      }
    }
    return -1;
  }

  private static List<byte[]> readElements(FrameReader args) throws ProtocolException {
    int count = Encoded.readCount(args);
    List<byte[]> read = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      read.add(args.readBytes());
    }
    return read;
  }
}
