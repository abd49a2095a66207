package org.multiprocessing4j.kryo;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.AbstractMap.SimpleEntry;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.multiprocessing4j.SerializableFunction;
import org.multiprocessing4j.spi.Serializer;

/**
 * One JDK value whose round trip must work without any {@code --add-opens}: what it is, what its
 * copy must contain, and which class the copy must have (or, for lambdas, which interface: each
 * deserialized lambda gets a class of its own). Shared by {@link JdkTypesTest}, which runs in the
 * Surefire JVM, and {@link NoOpensCheck}, which runs in a JVM without opens.
 */
record JdkSample(
    String name, Object value, Function<Object, Object> contents, Class<?> expectedClass) {

  @Override
  public String toString() {
    return name;
  }

  /** Returns {@code null} if the round trip keeps class and contents, else what went wrong. */
  String problemAfterRoundTrip(Serializer serializer) {
    Object copy;
    try {
      copy = Serializers.roundTrip(serializer, value);
    } catch (RuntimeException e) {
      return name + ": " + e;
    }
    boolean rightClass =
        copy != null
            && (copy.getClass() == expectedClass
                || (expectedClass.isInterface() && expectedClass.isInstance(copy)));
    if (!rightClass) {
      return name + ": expected a " + expectedClass.getName() + " but got " + describe(copy);
    }
    Object expected = contents.apply(value);
    Object actual = contents.apply(copy);
    return Objects.equals(expected, actual)
        ? null
        : name + ": expected contents " + expected + " but got " + actual;
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getName() + " " + value;
  }

  static List<JdkSample> all() {
    List<JdkSample> samples = new ArrayList<>();
    samples.add(same("UUID", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")));
    samples.add(same("URI", URI.create("https://example.com/a%20b?q=1#frag")));
    samples.add(same("URL", url("https://example.com:8443/path?q=1")));
    samples.add(same("File", new File("/tmp/some dir/file.txt")));
    samples.add(same("Path", Path.of("/tmp", "some dir", "file.txt")));
    samples.add(
        sample(
            "Pattern",
            Pattern.compile("a+b", Pattern.CASE_INSENSITIVE),
            p -> ((Pattern) p).pattern() + "/" + ((Pattern) p).flags()));
    samples.add(sample("AtomicInteger", new AtomicInteger(42), a -> ((AtomicInteger) a).get()));
    samples.add(sample("AtomicLong", new AtomicLong(1L << 40), a -> ((AtomicLong) a).get()));
    samples.add(sample("AtomicBoolean", new AtomicBoolean(true), a -> ((AtomicBoolean) a).get()));
    samples.add(
        sample(
            "AtomicReference",
            new AtomicReference<>(List.of("x")),
            a -> ((AtomicReference<?>) a).get()));
    samples.add(sample("LongAdder (Java serialization)", longAdder(), a -> ((LongAdder) a).sum()));
    samples.add(same("StackTraceElement", new Throwable().getStackTrace()[0]));
    samples.add(same("EnumMap", enumMap()));
    samples.add(
        sample(
            "empty EnumMap",
            new EnumMap<TimeUnit, Integer>(TimeUnit.class),
            JdkSample::withSeconds));
    samples.add(same("Optional", Optional.of("x")));
    samples.add(same("LocalDate", LocalDate.of(2024, 2, 29)));
    samples.add(same("List.of", List.of(1, 2, 3)));
    samples.add(same("Map.of", Map.of("a", 1, "b", 2)));
    samples.add(same("Set.of", Set.of("a", "b")));
    samples.add(same("Arrays.asList", Arrays.asList("a", null, "c")));

    samples.add(wrapper("unmodifiableCollection", Collections.unmodifiableCollection(list())));
    samples.add(wrapper("unmodifiableList (random access)", Collections.unmodifiableList(list())));
    samples.add(
        wrapper(
            "unmodifiableList (linked)", Collections.unmodifiableList(new LinkedList<>(list()))));
    samples.add(
        wrapper("unmodifiableSet", Collections.unmodifiableSet(new LinkedHashSet<>(list()))));
    samples.add(wrapper("unmodifiableSortedSet", Collections.unmodifiableSortedSet(reversed())));
    samples.add(
        wrapper("unmodifiableNavigableSet", Collections.unmodifiableNavigableSet(reversed())));
    samples.add(wrapper("unmodifiableMap", Collections.unmodifiableMap(map())));
    samples.add(wrapper("unmodifiableSortedMap", Collections.unmodifiableSortedMap(reversedMap())));
    samples.add(
        wrapper("unmodifiableNavigableMap", Collections.unmodifiableNavigableMap(reversedMap())));
    samples.add(wrapper("synchronizedCollection", Collections.synchronizedCollection(list())));
    samples.add(wrapper("synchronizedList (random access)", Collections.synchronizedList(list())));
    samples.add(
        wrapper(
            "synchronizedList (linked)", Collections.synchronizedList(new LinkedList<>(list()))));
    samples.add(
        wrapper("synchronizedSet", Collections.synchronizedSet(new LinkedHashSet<>(list()))));
    samples.add(wrapper("synchronizedSortedSet", Collections.synchronizedSortedSet(reversed())));
    samples.add(
        wrapper("synchronizedNavigableSet", Collections.synchronizedNavigableSet(reversed())));
    samples.add(wrapper("synchronizedMap", Collections.synchronizedMap(map())));
    samples.add(wrapper("synchronizedSortedMap", Collections.synchronizedSortedMap(reversedMap())));
    samples.add(
        wrapper("synchronizedNavigableMap", Collections.synchronizedNavigableMap(reversedMap())));

    samples.add(copy("ArrayList.subList", list().subList(1, 3), ArrayList.class));
    samples.add(copy("HashMap.keySet", map().keySet(), LinkedHashSet.class));
    samples.add(copy("HashMap.values", map().values(), ArrayList.class));
    samples.add(copy("HashMap.entrySet", map().entrySet(), LinkedHashSet.class));
    samples.add(copy("Map.of().keySet", Map.of("k", 1).keySet(), LinkedHashSet.class));
    samples.add(copy("TreeMap.keySet (reversed)", reversedMap().keySet(), TreeSet.class));
    samples.add(copy("TreeMap.headMap (reversed)", reversedMap().headMap("b"), TreeMap.class));
    samples.add(copy("ConcurrentHashMap.newKeySet", concurrentKeySet(), LinkedHashSet.class));
    samples.add(
        copy(
            "Collections.checkedList",
            Collections.checkedList(list(), String.class),
            ArrayList.class));
    samples.add(
        sample("Map.entry", Map.entry("k", 1), JdkSample::keyAndValue, SimpleImmutableEntry.class));
    samples.add(
        sample(
            "AbstractMap.SimpleEntry",
            new SimpleEntry<>("k", 1),
            JdkSample::keyAndValue,
            SimpleEntry.class));
    samples.add(
        sample(
            "HashMap entry",
            map().entrySet().iterator().next(),
            JdkSample::keyAndValue,
            SimpleImmutableEntry.class));

    SerializableFunction<Integer, Integer> capturing = capturingLambda(10);
    samples.add(
        sample("capturing lambda", capturing, JdkSample::applyToThree, SerializableFunction.class));
    SerializableFunction<Integer, String> methodReference = Integer::toBinaryString;
    samples.add(
        sample(
            "method reference",
            methodReference,
            JdkSample::applyToThree,
            SerializableFunction.class));
    return samples;
  }

  static SerializableFunction<Integer, Integer> capturingLambda(int offset) {
    List<Integer> captured = List.of(offset, 1);
    return x -> x * captured.get(0) + captured.get(1);
  }

  private static JdkSample same(String name, Object value) {
    return sample(name, value, Function.identity(), value.getClass());
  }

  private static JdkSample sample(String name, Object value, Function<Object, Object> contents) {
    return sample(name, value, contents, value.getClass());
  }

  private static JdkSample sample(
      String name, Object value, Function<Object, Object> contents, Class<?> expectedClass) {
    return new JdkSample(name, value, contents, expectedClass);
  }

  /** A wrapper must come back as the same wrapper class, with the same elements in order. */
  private static JdkSample wrapper(String name, Object wrapper) {
    return sample(name, wrapper, JdkSample::inOrder, wrapper.getClass());
  }

  /** A view comes back as a copy, with the same elements in order. */
  private static JdkSample copy(String name, Object view, Class<?> copyClass) {
    return sample(name, view, JdkSample::inOrder, copyClass);
  }

  private static Object inOrder(Object collectionOrMap) {
    Collection<?> elements =
        collectionOrMap instanceof Map<?, ?> map ? map.entrySet() : (Collection<?>) collectionOrMap;
    List<Object> inOrder = new ArrayList<>();
    for (Object element : elements) {
      inOrder.add(element instanceof Map.Entry<?, ?> entry ? keyAndValue(entry) : element);
    }
    return inOrder;
  }

  private static Object keyAndValue(Object entry) {
    Map.Entry<?, ?> e = (Map.Entry<?, ?>) entry;
    return Arrays.asList(e.getKey(), e.getValue());
  }

  @SuppressWarnings("unchecked")
  private static Object applyToThree(Object function) {
    try {
      return ((SerializableFunction<Integer, Object>) function).apply(3);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object withSeconds(Object enumMap) {
    EnumMap<TimeUnit, Integer> copy = new EnumMap<>((EnumMap<TimeUnit, Integer>) enumMap);
    copy.put(TimeUnit.SECONDS, 1);
    return copy;
  }

  private static List<String> list() {
    return new ArrayList<>(List.of("c", "a", "d", "b"));
  }

  private static TreeSet<String> reversed() {
    TreeSet<String> set = new TreeSet<>(Comparator.reverseOrder());
    set.addAll(list());
    return set;
  }

  private static Map<String, Integer> map() {
    Map<String, Integer> map = new HashMap<>();
    for (String key : list()) {
      map.put(key, key.charAt(0) - 'a');
    }
    return map;
  }

  private static TreeMap<String, Integer> reversedMap() {
    TreeMap<String, Integer> map = new TreeMap<>(Comparator.reverseOrder());
    map.putAll(map());
    return map;
  }

  private static EnumMap<TimeUnit, String> enumMap() {
    EnumMap<TimeUnit, String> map = new EnumMap<>(TimeUnit.class);
    map.put(TimeUnit.SECONDS, "s");
    map.put(TimeUnit.DAYS, "d");
    return map;
  }

  private static Set<String> concurrentKeySet() {
    Set<String> set = ConcurrentHashMap.newKeySet();
    set.addAll(list());
    return set;
  }

  private static LongAdder longAdder() {
    LongAdder adder = new LongAdder();
    adder.add(7);
    return adder;
  }

  private static URL url(String spec) {
    try {
      return new URL(spec);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
