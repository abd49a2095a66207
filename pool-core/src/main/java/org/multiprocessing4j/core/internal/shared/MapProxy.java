package org.multiprocessing4j.core.internal.shared;

import static org.multiprocessing4j.core.internal.wire.Operations.Collection.SNAPSHOT;
import static org.multiprocessing4j.core.internal.wire.Operations.Map.CLEAR;
import static org.multiprocessing4j.core.internal.wire.Operations.Map.CONTAINS_KEY;
import static org.multiprocessing4j.core.internal.wire.Operations.Map.CONTAINS_VALUE;
import static org.multiprocessing4j.core.internal.wire.Operations.Map.GET;
import static org.multiprocessing4j.core.internal.wire.Operations.Map.PUT;
import static org.multiprocessing4j.core.internal.wire.Operations.Map.PUT_ALL;
import static org.multiprocessing4j.core.internal.wire.Operations.Map.PUT_IF_ABSENT;
import static org.multiprocessing4j.core.internal.wire.Operations.Map.REMOVE;
import static org.multiprocessing4j.core.internal.wire.Operations.Map.REMOVE_IF_EQUAL;
import static org.multiprocessing4j.core.internal.wire.Operations.Map.REPLACE;
import static org.multiprocessing4j.core.internal.wire.Operations.Map.REPLACE_IF_EQUAL;

import java.util.Collection;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import org.multiprocessing4j.core.internal.wire.FrameWriter;

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
final class MapProxy<K, V> extends CollectionProxy implements ConcurrentMap<K, V> {
  private static final long serialVersionUID = 1L;

  MapProxy(long id) {
    super(id);
  }

  @Override
  public boolean containsKey(Object key) {
    return callWith(CONTAINS_KEY, requireKey(key)).readBoolean();
  }

  @Override
  public boolean containsValue(Object value) {
    return callWith(CONTAINS_VALUE, requireValue(value)).readBoolean();
  }

  @Override
  public V get(Object key) {
    return getOrDefault(key, null);
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    Reply reply = callWith(GET, requireKey(key));
    return reply.readBoolean() ? decode(reply) : defaultValue;
  }

  @Override
  public V put(K key, V value) {
    return found(callWith(PUT, requireKey(key), requireValue(value)));
  }

  @Override
  public V remove(Object key) {
    return found(callWith(REMOVE, requireKey(key)));
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> entries) {
    Objects.requireNonNull(entries, "entries");
    FrameWriter call = frame(PUT_ALL, 16 * entries.size() + 4).writeInt(entries.size());
    int count = 0;
    for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
      encode(requireKey(entry.getKey()), call);
      encode(requireValue(entry.getValue()), call);
      count++;
    }
    if (count != entries.size()) {
      throw new ConcurrentModificationException(
          "the map given to putAll changed while it was read");
    }
    callPromptly(call);
  }

  @Override
  public void clear() {
    callPromptly(frame(CLEAR, 0));
  }

  @Override
  public V putIfAbsent(K key, V value) {
    return found(callWith(PUT_IF_ABSENT, requireKey(key), requireValue(value)));
  }

  @Override
  public boolean remove(Object key, Object value) {
    requireKey(key);
    return value != null && callWith(REMOVE_IF_EQUAL, key, value).readBoolean();
  }

  @Override
  public V replace(K key, V value) {
    return found(callWith(REPLACE, requireKey(key), requireValue(value)));
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    return callWith(
            REPLACE_IF_EQUAL, requireKey(key), requireValue(oldValue), requireValue(newValue))
        .readBoolean();
  }

  /** A copy of the entries, in the map's order, taken by one call. */
  @Override
  Map<K, V> snapshot() {
    Reply reply = callPromptly(frame(SNAPSHOT, 0));
    int size = reply.readInt();
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

  /** Makes a prompt call whose arguments are {@code args}, encoded. */
  private Reply callWith(int operation, Object... args) {
    FrameWriter call = frame(operation, 32 * args.length);
    for (Object arg : args) {
      encode(arg, call);
    }
    return callPromptly(call);
  }

  private V found(Reply reply) {
    return reply.readBoolean() ? decode(reply) : null;
  }

  private static <T> T requireKey(T key) {
    return Objects.requireNonNull(key, "a shared map does not hold null keys");
  }

  private static <T> T requireValue(T value) {
    return Objects.requireNonNull(value, "a shared map does not hold null values");
  }
}
