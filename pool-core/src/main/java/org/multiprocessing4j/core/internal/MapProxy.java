package org.multiprocessing4j.core.internal;

import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * A map whose entries live in a {@link SharedMap}, wherever its manager is: Python's {@code
 * DictProxy}.
 *
 * <p>Each method of {@link Map} and {@link ConcurrentMap} is one call, atomic in the owner, except
 * these: the views ({@link #keySet}, {@link #values}, {@link #entrySet}), {@link #equals}, {@link
 * #hashCode} and {@link #toString} work on a snapshot taken by one call, and the views cannot be
 * changed (change the map itself); {@code compute}, {@code merge} and their kin run their function
 * here and then change the map only if the value is still the one they read, retrying otherwise, as
 * {@link ConcurrentMap}'s defaults do, so no update from another process is ever lost.
 *
 * <p>Values read here are copies: changing one changes nothing until it is put back.
 */
final class MapProxy<K, V> extends ObjectProxy implements ConcurrentMap<K, V>, Serializable {
  private static final long serialVersionUID = 1L;

  static final int GET = 1;
  static final int PUT = 2;
  static final int REMOVE = 3;
  static final int CONTAINS_KEY = 4;
  static final int CONTAINS_VALUE = 5;
  static final int SIZE = 6;
  static final int CLEAR = 7;
  static final int PUT_ALL = 8;
  static final int SNAPSHOT = 9;
  static final int PUT_IF_ABSENT = 10;
  static final int REMOVE_IF_EQUAL = 11;
  static final int REPLACE = 12;
  static final int REPLACE_IF_EQUAL = 13;

  MapProxy(long id) {
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
  public boolean containsKey(Object key) {
    return ProxyCalls.readBoolean(call(CONTAINS_KEY, requireKey(key)));
  }

  @Override
  public boolean containsValue(Object value) {
    return ProxyCalls.readBoolean(call(CONTAINS_VALUE, requireValue(value)));
  }

  @Override
  public V get(Object key) {
    return found(call(GET, requireKey(key)));
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    Reply reply = call(GET, requireKey(key));
    return ProxyCalls.readBoolean(reply) ? decode(reply) : defaultValue;
  }

  @Override
  public V put(K key, V value) {
    return found(call(PUT, requireKey(key), requireValue(value)));
  }

  @Override
  public V remove(Object key) {
    return found(call(REMOVE, requireKey(key)));
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> entries) {
    Objects.requireNonNull(entries, "entries");
    ObjectLink link = link();
    FrameWriter call = Call.frame(id, PUT_ALL, 16 * entries.size() + 4);
    call.writeInt(entries.size());
    int count = 0;
    for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
      Encoded.write(link.serializer(), requireKey(entry.getKey()), call);
      Encoded.write(link.serializer(), requireValue(entry.getValue()), call);
      count++;
    }
    if (count != entries.size()) {
      throw new ConcurrentModificationException(
          "the map given to putAll changed while it was read");
    }
    ProxyCalls.prompt(link, call);
  }

  @Override
  public void clear() {
    ProxyCalls.prompt(link(), Call.frame(id, CLEAR, 0));
  }

  @Override
  public V putIfAbsent(K key, V value) {
    return found(call(PUT_IF_ABSENT, requireKey(key), requireValue(value)));
  }

  @Override
  public boolean remove(Object key, Object value) {
    requireKey(key);
    return value != null && ProxyCalls.readBoolean(call(REMOVE_IF_EQUAL, key, value));
  }

  @Override
  public V replace(K key, V value) {
    return found(call(REPLACE, requireKey(key), requireValue(value)));
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    return ProxyCalls.readBoolean(
        call(REPLACE_IF_EQUAL, requireKey(key), requireValue(oldValue), requireValue(newValue)));
  }

  /** A copy of the entries, in the map's order, taken by one call. */
  Map<K, V> snapshot() {
    ObjectLink link = link();
    Reply reply = ProxyCalls.prompt(link, Call.frame(id, SNAPSHOT, 0));
    int size = ProxyCalls.readInt(reply);
    Map<K, V> copy = new LinkedHashMap<>(Math.max(16, size * 4 / 3 + 1));
    for (int i = 0; i < size; i++) {
      K key = decode(reply);
      copy.put(key, decode(reply));
    }
    return Collections.unmodifiableMap(copy);
  }

  @Override
  public Set<K> keySet() {
    return snapshot().keySet();
  }

  @Override
  public Collection<V> values() {
    return snapshot().values();
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return snapshot().entrySet();
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

  /** Travels as its id: the map stays where it lives, whatever the serializer. */
  private Object writeReplace() {
    return new Reference(id);
  }

  private Reply call(int operation, Object... args) {
    ObjectLink link = link();
    FrameWriter call = Call.frame(id, operation, 32 * args.length);
    for (Object arg : args) {
      Encoded.write(link.serializer(), arg, call);
    }
    return ProxyCalls.prompt(link, call);
  }

  private V found(Reply reply) {
    return ProxyCalls.readBoolean(reply) ? decode(reply) : null;
  }

  @SuppressWarnings("unchecked")
  private <T> T decode(Reply reply) {
    return (T) ProxyCalls.decode(link(), reply);
  }

  private static <T> T requireKey(T key) {
    return Objects.requireNonNull(key, "a shared map does not hold null keys");
  }

  private static <T> T requireValue(T value) {
    return Objects.requireNonNull(value, "a shared map does not hold null values");
  }

  /** What a {@link MapProxy} is serialized as. */
  private record Reference(long id) implements Serializable {
    private Object readResolve() {
      return new MapProxy<>(id);
    }
  }
}
