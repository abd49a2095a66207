package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.Collection;
import java.util.Comparator;
import java.util.SortedSet;

/**
 * Serializes a collection wrapper as its elements (and comparator, if sorted), and reads it back as
 * the same kind of wrapper around a new collection.
 */
final class CollectionWrapperSerializer extends Serializer<Collection<Object>> {
  private final CollectionWrapper wrapper;

  CollectionWrapperSerializer(CollectionWrapper wrapper) {
    this.wrapper = wrapper;
  }

  @Override
  public void write(Kryo kryo, Output output, Collection<Object> wrapped) {
    // A synchronized wrapper locks on itself; iterating it must too.
    synchronized (wrapped) {
      if (wrapper.sorted()) {
        kryo.writeClassAndObject(output, ((SortedSet<Object>) wrapped).comparator());
      }
      output.writeVarInt(wrapped.size(), true);
      for (Object element : wrapped) {
        kryo.writeClassAndObject(output, element);
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
    Comparator<Object> comparator =
        wrapper.sorted() ? (Comparator<Object>) kryo.readClassAndObject(input) : null;
    Collection<Object> backing = wrapper.newBacking(comparator);
    Collection<Object> wrapped = wrapper.wrap(backing);
    // Registered before the elements are read, so that an element may refer back to it.
    kryo.reference(wrapped);
    int size = input.readVarInt(true);
    for (int i = 0; i < size; i++) {
      backing.add(kryo.readClassAndObject(input));
    }
    return wrapped;
  }
}
