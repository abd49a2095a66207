package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import org.multiprocessing4j.core.internal.wire.Decoded;
import org.multiprocessing4j.core.internal.wire.Encoded;
import org.multiprocessing4j.core.internal.wire.FrameReader;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.spi.Serializer;

/**
 * The state of a shared list ({@link org.multiprocessing4j.Manager#list()}): the elements as bytes,
 * decoded only where a call compares them, and a version that every change increments, so that a
 * caller can replace the whole content only if nothing changed since it read it.
 *
 * <p>A call with an index out of range is answered with the size, and the caller throws {@link
 * IndexOutOfBoundsException} as a local list would.
 */
final class SharedList extends SharedCollection {
  private final Serializer serializer;
  private final List<byte[]> elements = new ArrayList<>();
  private long version;

  SharedList(Serializer serializer) {
    super("list", "An element");
    this.serializer = serializer;
  }

  /** Appends an element's encoding, for the initial content. */
  synchronized void addEncoded(byte[] element) {
    elements.add(element);
  }

  @Override
  Change read(Call call) throws ProtocolException {
    FrameReader args = call.args();
    return switch (call.operation()) {
      case Operations.List.GET -> {
        int index = args.readInt();
        yield at(index, 0, reply -> reply.writeBytes(elements.get(index)));
      }
      case Operations.List.SET -> {
        int index = args.readInt();
        byte[] element = args.readBytes();
        yield at(index, 0, reply -> changed(reply).writeBytes(elements.set(index, element)));
      }
      case Operations.List.ADD -> {
        byte[] element = args.readBytes();
        yield reply -> {
          elements.add(element);
          return changed(reply);
        };
      }
      case Operations.List.ADD_AT -> {
        int index = args.readInt();
        byte[] element = args.readBytes();
        yield at(
            index,
            1,
            reply -> {
              elements.add(index, element);
              return changed(reply);
            });
      }
      case Operations.List.REMOVE_AT -> {
        int index = args.readInt();
        yield at(index, 0, reply -> changed(reply).writeBytes(elements.remove(index)));
      }
      case Operations.List.ADD_ALL -> {
        List<byte[]> added = readElements(args);
        yield reply -> {
          elements.addAll(added);
          return changed(reply);
        };
      }
      case Operations.List.ADD_ALL_AT -> {
        int index = args.readInt();
        List<byte[]> added = readElements(args);
        yield at(
            index,
            1,
            reply -> {
              elements.addAll(index, added);
              return changed(reply);
            });
      }
      case Operations.Collection.SIZE -> reply -> reply.writeInt(elements.size());
      case Operations.List.CLEAR ->
          reply -> {
            elements.clear();
            return changed(reply);
          };
      case Operations.List.INDEX_OF -> {
        Decoded element = Decoded.read(serializer, args);
        yield reply -> reply.writeInt(find(element, false));
      }
      case Operations.List.LAST_INDEX_OF -> {
        Decoded element = Decoded.read(serializer, args);
        yield reply -> reply.writeInt(find(element, true));
      }
      case Operations.List.REMOVE -> {
        Decoded element = Decoded.read(serializer, args);
        yield reply -> {
          int index = find(element, false);
          if (index < 0) {
            return reply.writeBoolean(false);
          }
          elements.remove(index);
          return changed(reply).writeBoolean(true);
        };
      }
      case Operations.Collection.SNAPSHOT ->
          reply -> {
            reply.writeLong(version).writeInt(elements.size());
            elements.forEach(reply::writeBytes);
            return reply;
          };
      case Operations.List.REPLACE_ALL_IF_UNCHANGED -> {
        long seen = args.readLong();
        List<byte[]> replacement = readElements(args);
        yield reply -> {
          if (seen != version) {
            return reply.writeBoolean(false);
          }
          elements.clear();
          elements.addAll(replacement);
          return changed(reply).writeBoolean(true);
        };
      }
      default -> throw unknownOperation(call);
    };
  }

  @Override
  public synchronized void close() {
    super.close();
    elements.clear();
  }

  /**
   * Does {@code change} if {@code index} is in range, that is within the elements, or up to {@code
   * beyondEnd} past the last; the reply says whether it was, and if not, the size.
   */
  private Change at(int index, int beyondEnd, Change change) {
    return reply -> {
      int size = elements.size();
      boolean inRange = index >= 0 && index < size + beyondEnd;
      reply.writeBoolean(inRange);
      return inRange ? change.apply(reply) : reply.writeInt(size);
    };
  }

  /** Counts a change of the content, for callers that replace it only if it did not change. */
  private FrameWriter changed(FrameWriter reply) {
    version++;
    return reply;
  }

  private int find(Decoded element, boolean last) {
    int size = elements.size();
    for (int i = 0; i < size; i++) {
      int index = last ? size - 1 - i : i;
      if (element.matches(serializer, elements.get(index))) {
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
