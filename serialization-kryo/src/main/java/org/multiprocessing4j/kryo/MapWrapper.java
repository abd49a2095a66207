package org.multiprocessing4j.kryo;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The {@code Collections.unmodifiable*} and {@code Collections.synchronized*} map wrappers: how to
 * make a fresh backing map and wrap it again. Their fields are closed to Kryo on Java 17, and
 * Kryo's map serializer cannot {@code put} into an unmodifiable wrapper.
 */
enum MapWrapper {
  UNMODIFIABLE_MAP(comparator -> new LinkedHashMap<>(), Collections::unmodifiableMap),
  UNMODIFIABLE_SORTED_MAP(
      TreeMap::new, m -> Collections.unmodifiableSortedMap((SortedMap<Object, Object>) m)),
  UNMODIFIABLE_NAVIGABLE_MAP(
      TreeMap::new, m -> Collections.unmodifiableNavigableMap((NavigableMap<Object, Object>) m)),
  SYNCHRONIZED_MAP(comparator -> new LinkedHashMap<>(), Collections::synchronizedMap),
  SYNCHRONIZED_SORTED_MAP(
      TreeMap::new, m -> Collections.synchronizedSortedMap((SortedMap<Object, Object>) m)),
  SYNCHRONIZED_NAVIGABLE_MAP(
      TreeMap::new, m -> Collections.synchronizedNavigableMap((NavigableMap<Object, Object>) m));

  private final Function<Comparator<Object>, Map<Object, Object>> newBacking;
  private final UnaryOperator<Map<Object, Object>> wrap;
  private final Class<?> type;
  private final boolean sorted;

  MapWrapper(
      Function<Comparator<Object>, Map<Object, Object>> newBacking,
      UnaryOperator<Map<Object, Object>> wrap) {
    this.newBacking = newBacking;
    this.wrap = wrap;
    Map<Object, Object> sample = newBacking.apply(null);
    this.type = wrap.apply(sample).getClass();
    this.sorted = sample instanceof SortedMap;
  }

  /** The wrapper's (private) class. */
  Class<?> type() {
    return type;
  }

  /** Whether the wrapped map is sorted, so that its comparator must travel too. */
  boolean sorted() {
    return sorted;
  }

  /** A new, empty map for the wrapper to wrap; {@code comparator} is used if sorted. */
  Map<Object, Object> newBacking(Comparator<Object> comparator) {
    return newBacking.apply(comparator);
  }

  Map<Object, Object> wrap(Map<Object, Object> backing) {
    return wrap.apply(backing);
  }
}
