package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.multiprocessing4j.spi.Serializer;

class ReplacingSerializerTest {
  private static final Serializer SERIALIZER = Serializers.fromProvider();

  /** A map that is a handle on entries kept elsewhere: reading its entries would be wrong. */
  static final class RemoteMap extends AbstractMap<String, String> implements Serializable {
    final long id;

    RemoteMap(long id) {
      this.id = id;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      throw new AssertionError("a handle must travel without its entries being read");
    }

    @Override
    public String put(String key, String value) {
      throw new AssertionError("a handle must not be rebuilt by putting entries");
    }

    private Object writeReplace() {
      return new Handle(id);
    }
  }

  record Handle(long id) implements Serializable {
    private Object readResolve() {
      return new RemoteMap(id);
    }
  }

  /** A list whose replacement has no readResolve: it arrives as the replacement itself. */
  static final class ReplacedList extends AbstractList<Integer> implements Serializable {
    @Override
    public Integer get(int index) {
      return index;
    }

    @Override
    public int size() {
      return 3;
    }

    private Object writeReplace() {
      return new ArrayList<>(this);
    }
  }

  /** Declares writeReplace but is not Serializable: Java serialization would ignore it too. */
  static final class NotSerializableList extends AbstractList<Integer> {
    private final List<Integer> elements = new ArrayList<>();

    @Override
    public Integer get(int index) {
      return elements.get(index);
    }

    @Override
    public int size() {
      return elements.size();
    }

    @Override
    public void add(int index, Integer element) {
      elements.add(index, element);
    }

    private Object writeReplace() {
      throw new AssertionError("only Serializable classes are replaced");
    }
  }

  @Test
  void anApplicationMapWithWriteReplaceTravelsAsItsReplacementAndIsResolved() {
    RemoteMap back = Serializers.roundTrip(SERIALIZER, new RemoteMap(42));
    assertEquals(42, back.id);
  }

  @Test
  void aReplacementWithoutReadResolveArrivesAsItself() {
    Object back = Serializers.roundTrip(SERIALIZER, new ReplacedList());
    assertInstanceOf(ArrayList.class, back);
    assertEquals(List.of(0, 1, 2), back);
  }

  @Test
  void theSameHandleTwiceInOneGraphArrivesAsOneObject() {
    RemoteMap handle = new RemoteMap(7);
    List<Object> back = Serializers.roundTrip(SERIALIZER, new ArrayList<>(List.of(handle, handle)));
    assertEquals(7, ((RemoteMap) back.get(0)).id);
    assertSame(back.get(0), back.get(1));
  }

  @Test
  void collectionsWithoutWriteReplaceStillTravelAsTheirElements() {
    NotSerializableList list = new NotSerializableList();
    list.add(5);
    NotSerializableList back = Serializers.roundTrip(SERIALIZER, list);
    assertEquals(List.of(5), back);
  }
}
