package org.multiprocessing4j.kryo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The {@code Collections.unmodifiable*} and {@code Collections.synchronized*} collection wrappers:
 * how to make a fresh backing collection and wrap it again. Their fields are closed to Kryo on Java
 * 17, and Kryo's collection serializer cannot {@code add} to an unmodifiable wrapper.
 */
enum CollectionWrapper {
  UNMODIFIABLE_COLLECTION(comparator -> new ArrayList<>(), Collections::unmodifiableCollection),
  UNMODIFIABLE_LIST(comparator -> new LinkedList<>(), c -> Collections.unmodifiableList(list(c))),
  UNMODIFIABLE_RANDOM_ACCESS_LIST(
      comparator -> new ArrayList<>(), c -> Collections.unmodifiableList(list(c))),
  UNMODIFIABLE_SET(comparator -> new LinkedHashSet<>(), c -> Collections.unmodifiableSet(set(c))),
  UNMODIFIABLE_SORTED_SET(
      TreeSet::new, c -> Collections.unmodifiableSortedSet((SortedSet<Object>) c)),
  UNMODIFIABLE_NAVIGABLE_SET(
      TreeSet::new, c -> Collections.unmodifiableNavigableSet((NavigableSet<Object>) c)),
  SYNCHRONIZED_COLLECTION(comparator -> new ArrayList<>(), Collections::synchronizedCollection),
  SYNCHRONIZED_LIST(comparator -> new LinkedList<>(), c -> Collections.synchronizedList(list(c))),
  SYNCHRONIZED_RANDOM_ACCESS_LIST(
      comparator -> new ArrayList<>(), c -> Collections.synchronizedList(list(c))),
  SYNCHRONIZED_SET(comparator -> new LinkedHashSet<>(), c -> Collections.synchronizedSet(set(c))),
  SYNCHRONIZED_SORTED_SET(
      TreeSet::new, c -> Collections.synchronizedSortedSet((SortedSet<Object>) c)),
  SYNCHRONIZED_NAVIGABLE_SET(
      TreeSet::new, c -> Collections.synchronizedNavigableSet((NavigableSet<Object>) c));

  private final Function<Comparator<Object>, Collection<Object>> newBacking;
  private final UnaryOperator<Collection<Object>> wrap;
  private final Class<?> type;
  private final boolean sorted;

  CollectionWrapper(
      Function<Comparator<Object>, Collection<Object>> newBacking,
      UnaryOperator<Collection<Object>> wrap) {
    this.newBacking = newBacking;
    this.wrap = wrap;
    Collection<Object> sample = newBacking.apply(null);
    this.type = wrap.apply(sample).getClass();
    this.sorted = sample instanceof SortedSet;
  }

  /** The wrapper's (private) class. */
  Class<?> type() {
    return type;
  }

  /** Whether the wrapped collection is sorted, so that its comparator must travel too. */
  boolean sorted() {
    return sorted;
  }

  /** A new, empty collection for the wrapper to wrap; {@code comparator} is used if sorted. */
  Collection<Object> newBacking(Comparator<Object> comparator) {
    return newBacking.apply(comparator);
  }

  Collection<Object> wrap(Collection<Object> backing) {
    return wrap.apply(backing);
  }

  private static List<Object> list(Collection<Object> collection) {
    return (List<Object>) collection;
  }

  private static Set<Object> set(Collection<Object> collection) {
    return (Set<Object>) collection;
  }
}
