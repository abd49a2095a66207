package org.multiprocessing4j.core.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A list whose elements live in a {@link SharedList}, wherever its manager is: Python's {@code
 * ListProxy}.
 *
 * <p>Each method of {@link List} is one call, atomic in the owner, except these: iterators, {@link
 * #subList}, {@link #containsAll}, {@link #toArray}, {@link #equals}, {@link #hashCode} and {@link
 * #toString} work on a snapshot taken by one call, and iterators and sublists cannot change the
 * list (change the list itself); {@link #removeAll}, {@link #retainAll}, {@link #removeIf}, {@link
 * #replaceAll} and {@link #sort} compute the new content here and replace the list's content only
 * if nothing changed it since they read it, retrying otherwise, so no change from another process
 * is ever lost.
 *
 * <p>Elements read here are copies: changing one changes nothing until it is set back.
 */
final class ListProxy<E> extends ObjectProxy implements List<E>, Serializable {
  private static final long serialVersionUID = 1L;

  static final int GET = 1;
  static final int SET = 2;
  static final int ADD = 3;
  static final int ADD_AT = 4;
  static final int REMOVE_AT = 5;
  static final int ADD_ALL = 6;
  static final int SIZE = 7;
  static final int CLEAR = 8;
  static final int INDEX_OF = 9;
  static final int LAST_INDEX_OF = 10;
  static final int REMOVE = 11;
  static final int SNAPSHOT = 12;
  static final int REPLACE_ALL_IF_UNCHANGED = 13;
  static final int ADD_ALL_AT = 14;

  ListProxy(long id) {
    super(id);
  }

  @Override
  public int size() {
    return ProxyCalls.readInt(ProxyCalls.prompt(link(), Call.frame(id, SIZE, 0)));
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public E get(int index) {
    return decode(checkIndex(index, call(Call.frame(id, GET, 4).writeInt(index))));
  }

  @Override
  public E set(int index, E element) {
    FrameWriter call = Call.frame(id, SET, 36).writeInt(index);
    return decode(checkIndex(index, call(encode(requireElement(element), call))));
  }

  @Override
  public boolean add(E element) {
    call(encode(requireElement(element), Call.frame(id, ADD, 32)));
    return true;
  }

  @Override
  public void add(int index, E element) {
    FrameWriter call = Call.frame(id, ADD_AT, 36).writeInt(index);
    checkIndex(index, call(encode(requireElement(element), call)));
  }

  @Override
  public E remove(int index) {
    return decode(checkIndex(index, call(Call.frame(id, REMOVE_AT, 4).writeInt(index))));
  }

  @Override
  public boolean addAll(Collection<? extends E> elements) {
    List<E> copy = new ArrayList<>(Objects.requireNonNull(elements, "elements"));
    call(encodeAll(copy, Call.frame(id, ADD_ALL, 4 + 32 * copy.size())));
    return !copy.isEmpty();
  }

  @Override
  public boolean addAll(int index, Collection<? extends E> elements) {
    List<E> copy = new ArrayList<>(Objects.requireNonNull(elements, "elements"));
    FrameWriter call = Call.frame(id, ADD_ALL_AT, 8 + 32 * copy.size()).writeInt(index);
    checkIndex(index, call(encodeAll(copy, call)));
    return !copy.isEmpty();
  }

  @Override
  public void clear() {
    call(Call.frame(id, CLEAR, 0));
  }

  @Override
  public boolean contains(Object element) {
    return indexOf(element) >= 0;
  }

  @Override
  public int indexOf(Object element) {
    return element == null ? -1 : find(INDEX_OF, element);
  }

  @Override
  public int lastIndexOf(Object element) {
    return element == null ? -1 : find(LAST_INDEX_OF, element);
  }

  @Override
  public boolean remove(Object element) {
    return element != null
        && ProxyCalls.readBoolean(call(encode(element, Call.frame(id, REMOVE, 32))));
  }

  @Override
  public boolean removeAll(Collection<?> elements) {
    Objects.requireNonNull(elements, "elements");
    return rewrite(list -> list.removeIf(elements::contains));
  }

  @Override
  public boolean retainAll(Collection<?> elements) {
    Objects.requireNonNull(elements, "elements");
    return rewrite(list -> list.removeIf(element -> !elements.contains(element)));
  }

  @Override
  public boolean removeIf(Predicate<? super E> filter) {
    Objects.requireNonNull(filter, "filter");
    return rewrite(list -> list.removeIf(filter));
  }

  @Override
  public void replaceAll(UnaryOperator<E> operator) {
    Objects.requireNonNull(operator, "operator");
    rewrite(
        list -> {
          list.replaceAll(operator);
          return true;
        });
  }

  @Override
  public void sort(Comparator<? super E> comparator) {
    rewrite(
        list -> {
          list.sort(comparator);
          return true;
        });
  }

  /** A copy of the elements taken by one call, which cannot be changed. */
  List<E> snapshot() {
    return Collections.unmodifiableList(fetch().elements());
  }

  @Override
  public boolean containsAll(Collection<?> elements) {
    return snapshot().containsAll(elements);
  }

  @Override
  public Iterator<E> iterator() {
    return snapshot().iterator();
  }

  @Override
  public ListIterator<E> listIterator() {
    return snapshot().listIterator();
  }

  @Override
  public ListIterator<E> listIterator(int index) {
    return snapshot().listIterator(index);
  }

  @Override
  public List<E> subList(int fromIndex, int toIndex) {
    return snapshot().subList(fromIndex, toIndex);
  }

  @Override
  public Spliterator<E> spliterator() {
    return snapshot().spliterator();
  }

  @Override
  public Object[] toArray() {
    return snapshot().toArray();
  }

  @Override
  public <T> T[] toArray(T[] array) {
    return snapshot().toArray(array);
  }

  @Override
  public boolean equals(Object other) {
    return other == this || snapshot().equals(other);
  }

  @Override
  public int hashCode() {
    return snapshot().hashCode();
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }

  /** Travels as its id: the list stays where it lives, whatever the serializer. */
  private Object writeReplace() {
    return new Reference(id);
  }

  /** The elements and the version they are of. */
  private record Fetched<E>(long version, List<E> elements) {}

  private Fetched<E> fetch() {
    Reply reply = call(Call.frame(id, SNAPSHOT, 0));
    long version = ProxyCalls.readLong(reply);
    int size = ProxyCalls.readInt(reply);
    List<E> elements = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      elements.add(decode(reply));
    }
    return new Fetched<>(version, elements);
  }

  /**
   * Applies {@code change} to a copy of the content and puts the result in its place, unless
   * another call changed the list meanwhile: then starts again from the new content.
   *
   * @param change changes the list it is given; returns whether it changed anything
   * @return whether the list changed
   */
  private boolean rewrite(Predicate<List<E>> change) {
    while (true) {
      Fetched<E> seen = fetch();
      List<E> changed = new ArrayList<>(seen.elements());
      if (!change.test(changed)) {
        return false;
      }
      FrameWriter call =
          Call.frame(id, REPLACE_ALL_IF_UNCHANGED, 12 + 32 * changed.size())
              .writeLong(seen.version());
      if (ProxyCalls.readBoolean(call(encodeAll(changed, call)))) {
        return true;
      }
    }
  }

  private int find(int operation, Object element) {
    return ProxyCalls.readInt(call(encode(element, Call.frame(id, operation, 32))));
  }

  private Reply call(FrameWriter call) {
    return ProxyCalls.prompt(link(), call);
  }

  private FrameWriter encode(Object element, FrameWriter call) {
    return Encoded.write(link().serializer(), element, call);
  }

  private FrameWriter encodeAll(List<? extends E> elements, FrameWriter call) {
    call.writeInt(elements.size());
    for (E element : elements) {
      encode(requireElement(element), call);
    }
    return call;
  }

  /** Throws what a local list would if the owner found {@code index} out of range. */
  private static Reply checkIndex(int index, Reply reply) {
    if (!ProxyCalls.readBoolean(reply)) {
      throw new IndexOutOfBoundsException(
          "Index " + index + " out of bounds for length " + ProxyCalls.readInt(reply));
    }
    return reply;
  }

  @SuppressWarnings("unchecked")
  private E decode(Reply reply) {
    return (E) ProxyCalls.decode(link(), reply);
  }

  private static <T> T requireElement(T element) {
    return Objects.requireNonNull(element, "a shared list does not hold null elements");
  }

  /** What a {@link ListProxy} is serialized as. */
  private record Reference(long id) implements Serializable {
    private Object readResolve() {
      return new ListProxy<>(id);
    }
  }
}
