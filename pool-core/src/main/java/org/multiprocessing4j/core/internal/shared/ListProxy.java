package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Collection.SNAPSHOT;
import static org.multiprocessing4j.core.internal.wire.Operations.List.ADD;
import static org.multiprocessing4j.core.internal.wire.Operations.List.ADD_ALL;
import static org.multiprocessing4j.core.internal.wire.Operations.List.ADD_ALL_AT;
import static org.multiprocessing4j.core.internal.wire.Operations.List.ADD_AT;
import static org.multiprocessing4j.core.internal.wire.Operations.List.CLEAR;
import static org.multiprocessing4j.core.internal.wire.Operations.List.GET;
import static org.multiprocessing4j.core.internal.wire.Operations.List.INDEX_OF;
import static org.multiprocessing4j.core.internal.wire.Operations.List.LAST_INDEX_OF;
import static org.multiprocessing4j.core.internal.wire.Operations.List.REMOVE;
import static org.multiprocessing4j.core.internal.wire.Operations.List.REMOVE_AT;
import static org.multiprocessing4j.core.internal.wire.Operations.List.REPLACE_ALL_IF_UNCHANGED;
import static org.multiprocessing4j.core.internal.wire.Operations.List.SET;

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
import org.multiprocessing4j.core.internal.wire.FrameWriter;

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
final class ListProxy<E> extends CollectionProxy implements List<E> {
  private static final long serialVersionUID = 1L;

  ListProxy(long id) {
    super(id);
  }

  @Override
  public E get(int index) {
    return decode(checkIndex(index, callPromptly(frame(GET, 4).writeInt(index))));
  }

  @Override
  public E set(int index, E element) {
    FrameWriter call = frame(SET, 36).writeInt(index);
    return decode(checkIndex(index, callPromptly(encode(requireElement(element), call))));
  }

  @Override
  public boolean add(E element) {
    callPromptly(encode(requireElement(element), frame(ADD, 32)));
    return true;
  }

  @Override
  public void add(int index, E element) {
    FrameWriter call = frame(ADD_AT, 36).writeInt(index);
    checkIndex(index, callPromptly(encode(requireElement(element), call)));
  }

  @Override
  public E remove(int index) {
    return decode(checkIndex(index, callPromptly(frame(REMOVE_AT, 4).writeInt(index))));
  }

  @Override
  public boolean addAll(Collection<? extends E> elements) {
    List<E> copy = new ArrayList<>(Objects.requireNonNull(elements, "elements"));
    callPromptly(encodeAll(copy, frame(ADD_ALL, 4 + 32 * copy.size())));
    return !copy.isEmpty();
  }

  @Override
  public boolean addAll(int index, Collection<? extends E> elements) {
    List<E> copy = new ArrayList<>(Objects.requireNonNull(elements, "elements"));
    FrameWriter call = frame(ADD_ALL_AT, 8 + 32 * copy.size()).writeInt(index);
    checkIndex(index, callPromptly(encodeAll(copy, call)));
    return !copy.isEmpty();
  }

  @Override
  public void clear() {
    callPromptly(frame(CLEAR, 0));
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
    return element != null && callPromptly(encode(element, frame(REMOVE, 32))).readBoolean();
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
  @Override
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

  /** The elements and the version they are of. */
  private record Fetched<E>(long version, List<E> elements) {}

  private Fetched<E> fetch() {
    Reply reply = callPromptly(frame(SNAPSHOT, 0));
    long version = reply.readLong();
    int size = reply.readInt();
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
          frame(REPLACE_ALL_IF_UNCHANGED, 12 + 32 * changed.size()).writeLong(seen.version());
      if (callPromptly(encodeAll(changed, call)).readBoolean()) {
        return true;
      }
    }
  }

  private int find(int operation, Object element) {
    return callPromptly(encode(element, frame(operation, 32))).readInt();
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
    if (!reply.readBoolean()) {
      throw new IndexOutOfBoundsException(
          "Index " + index + " out of bounds for length " + reply.readInt());
    }
    return reply;
  }

  private static <T> T requireElement(T element) {
    return Objects.requireNonNull(element, "a shared list does not hold null elements");
  }
}
