package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Serializes a JDK collection that Kryo cannot rebuild, typically a view such as {@code subList},
 * {@code keySet} or {@code values}, as its elements, and reads it back as a copy: a {@link TreeSet}
 * with the same comparator if it was sorted, a {@link LinkedHashSet} if it was a set, an {@link
 * ArrayList} otherwise. As with pickle, a view arrives detached from its map or list.
 */
final class CollectionCopySerializer extends Serializer<Collection<Object>> {

  @Override
  public void write(Kryo kryo, Output output, Collection<Object> collection) {
    if (collection instanceof SortedSet) {
      kryo.writeClassAndObject(output, ((SortedSet<Object>) collection).comparator());
    }
    output.writeVarInt(collection.size(), true);
    for (Object element : collection) {
      kryo.writeClassAndObject(output, element);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
    Collection<Object> copy;
    if (SortedSet.class.isAssignableFrom(type)) {
      copy = new TreeSet<>((Comparator<Object>) kryo.readClassAndObject(input));
    } else if (Set.class.isAssignableFrom(type)) {
      copy = new LinkedHashSet<>();
    } else {
      copy = new ArrayList<>();
    }
    // Registered before the elements are read, so that an element may refer back to it.
    kryo.reference(copy);
    int size = input.readVarInt(true);
    for (int i = 0; i < size; i++) {
      copy.add(kryo.readClassAndObject(input));
    }
    return copy;
  }
}
