package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Collection.SIZE;

import java.io.Serializable;

/**
 * What a {@link MapProxy} and a {@link ListProxy} share: their size, equality, hash code and text,
 * the last three those of a snapshot taken by one call; and their way to travel, as their id,
 * whatever the serializer, so that a collection passed to a child stays where it lives.
 */
abstract class CollectionProxy extends ObjectProxy implements Serializable {
  private static final long serialVersionUID = 1L;

  CollectionProxy(long id) {
    super(id);
  }

  public final int size() {
    return callPromptly(frame(SIZE, 0)).readInt();
  }

  public final boolean isEmpty() {
    return size() == 0;
  }

  /** A copy of the content taken by one call, which cannot be changed. */
  abstract Object snapshot();

  @Override
  public final boolean equals(Object other) {
    return other == this || snapshot().equals(other);
  }

  @Override
  public final int hashCode() {
    return snapshot().hashCode();
  }

  @Override
  public final String toString() {
    return snapshot().toString();
  }

  /** Travels as its id: the collection stays where it lives, whatever the serializer. */
  final Object writeReplace() {
    return new Reference(id, this instanceof MapProxy);
  }

  /** What a collection proxy is serialized as. */
  private record Reference(long id, boolean map) implements Serializable {
    private Object readResolve() {
      return map ? new MapProxy<>(id) : new ListProxy<>(id);
    }
  }
}
