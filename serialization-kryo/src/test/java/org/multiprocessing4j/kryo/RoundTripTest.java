package org.multiprocessing4j.kryo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multiprocessing4j.spi.Serializer;

class RoundTripTest {
  private static final Serializer SERIALIZER = Serializers.fromProvider();

  record Point(int x, String label, List<Integer> tags) {}

  /** Has no no-arg constructor, and final fields. */
  static final class Money {
    private final long cents;
    private final String currency;

    Money(long cents, String currency) {
      this.cents = cents;
      this.currency = currency;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Money m && m.cents == cents && m.currency.equals(currency);
    }

    @Override
    public int hashCode() {
      return Objects.hash(cents, currency);
    }
  }

  static final class Node {
    String name;
    Node next;
    List<Node> peers = new ArrayList<>();

    Node(String name) {
      this.name = name;
    }
  }

  static Stream<Object> equalValues() {
    TreeMap<String, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
    reversed.putAll(Map.of("a", 1, "b", 2, "c", 3));
    LinkedHashMap<String, Integer> ordered = new LinkedHashMap<>();
    ordered.put("z", 26);
    ordered.put("a", 1);
    return Stream.of(
        42,
        -7L,
        3.5,
        2.5f,
        (short) 7,
        (byte) -8,
        'c',
        true,
        "",
        "héllo wörld ✓ \uD83D\uDE80",
        "x".repeat(100_000),
        TimeUnit.HOURS,
        new ArrayList<>(List.of(1, "two", 3.0)),
        new LinkedList<>(List.of("a", "b")),
        new HashMap<>(Map.of("k", List.of(1, 2))),
        ordered,
        reversed,
        new HashSet<>(Set.of(1, 2, 3)),
        new TreeSet<>(Set.of("b", "a")),
        EnumSet.of(TimeUnit.SECONDS, TimeUnit.DAYS),
        List.of(1, 2, 3),
        List.of(),
        Map.of("a", 1, "b", 2),
        Set.of("x"),
        Collections.emptyList(),
        Collections.singletonList("one"),
        Arrays.asList(1, null, 3),
        new Point(1, "p", List.of(4, 5)),
        new Money(1999, "EUR"));
  }

  @ParameterizedTest
  @MethodSource("equalValues")
  void valueComesBackEqualAndOfTheSameClass(Object value) {
    Object copy = Serializers.roundTrip(SERIALIZER, value);

    assertEquals(value, copy);
    assertSame(value.getClass(), copy.getClass());
  }

  @Test
  void nullComesBackAsNull() {
    assertNull(Serializers.roundTrip(SERIALIZER, null));
  }

  @Test
  void arraysComeBackEqual() {
    Object[] arrays = {
      new int[] {1, -2, Integer.MAX_VALUE},
      new long[] {Long.MIN_VALUE, 0},
      new double[] {Math.PI, Double.NaN, -0.0},
      new boolean[] {true, false},
      new char[] {'a', '\u20AC'},
      new String[] {"a", null},
      new Object[] {1, "two", new int[] {3}},
      new int[][] {{1}, {2, 3}, {}}
    };

    Object[] copy = Serializers.roundTrip(SERIALIZER, arrays);

    assertArrayEquals(arrays, copy);
  }

  @Test
  void cyclesAndSharedReferencesKeepTheirIdentity() {
    Node a = new Node("a");
    Node b = new Node("b");
    a.next = b;
    b.next = a;
    a.peers.add(b);
    a.peers.add(b);

    Node copy = Serializers.roundTrip(SERIALIZER, a);

    assertEquals("a", copy.name);
    assertEquals("b", copy.next.name);
    assertSame(copy, copy.next.next);
    assertSame(copy.next, copy.peers.get(0));
    assertSame(copy.next, copy.peers.get(1));
  }

  @Test
  void collectionThatContainsItselfComesBack() {
    List<Object> list = new ArrayList<>();
    list.add("first");
    list.add(list);

    List<?> copy = Serializers.roundTrip(SERIALIZER, list);

    assertEquals("first", copy.get(0));
    assertSame(copy, copy.get(1));
  }

  @Test
  void atomicReferenceThatReachesItselfComesBack() {
    AtomicReference<Object> reference = new AtomicReference<>();
    reference.set(List.of("around", reference));

    AtomicReference<?> copy = Serializers.roundTrip(SERIALIZER, reference);

    assertSame(copy, ((List<?>) copy.get()).get(1));
  }

  @Test
  void wrapperSharedTwiceComesBackAsOneInstance() {
    List<String> wrapped = Collections.unmodifiableList(new ArrayList<>(List.of("a")));

    List<?> copy = Serializers.roundTrip(SERIALIZER, List.of(wrapped, wrapped));

    assertSame(copy.get(0), copy.get(1));
  }

  @Test
  void readsFromTheMiddleOfALargerArray() {
    byte[] encoded = Serializers.bytes(SERIALIZER, new Point(3, "mid", List.of()));
    byte[] framed = new byte[encoded.length + 10];
    Arrays.fill(framed, (byte) 0x7f);
    System.arraycopy(encoded, 0, framed, 4, encoded.length);

    assertEquals(new Point(3, "mid", List.of()), SERIALIZER.deserialize(framed, 4, encoded.length));
  }
}
