package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.SerializerFactory;
import com.esotericsoftware.kryo.kryo5.SerializerFactory.SingletonSerializerFactory;
import com.esotericsoftware.kryo.kryo5.objenesis.strategy.StdInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.AtomicBooleanSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.AtomicIntegerSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.AtomicLongSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.PatternSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.URISerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.URLSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.UUIDSerializer;
import com.esotericsoftware.kryo.kryo5.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.util.MapReferenceResolver;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Configures every Kryo the same way, in the parent and in the workers alike, and describes that
 * configuration for the {@linkplain KryoFingerprint fingerprint}.
 */
final class KryoFactory {
  /** Bump whenever the bytes written by this module's own serializers change. */
  static final int FORMAT_VERSION = 2;

  /** Turns runaway recursion on big thread stacks into an error rather than a stack overflow. */
  static final int MAX_DEPTH = 10_000;

  static {
    MinlogToSlf4j.install();
  }

  /**
   * Shared by all Kryos: without {@code --add-opens java.base/java.lang.invoke} its constructor
   * logs two warnings with stack traces each time; it keeps no state of its own.
   */
  private static final LambdaSerializer LAMBDAS = new LambdaSerializer();

  /** Registrations with fixed ids, so that these classes are written as a small number. */
  private static final List<FixedRegistration> REGISTRATIONS =
      List.of(
          new FixedRegistration(10, Object[].class, null),
          new FixedRegistration(11, Class.class, null),
          new FixedRegistration(12, ClosureSerializer.Closure.class, () -> LAMBDAS),
          new FixedRegistration(13, Throwable.class, ThrowableSerializer::new),
          new FixedRegistration(14, StackTraceElement.class, StackTraceElementSerializer::new),
          new FixedRegistration(15, byte[].class, StreamingByteArraySerializer::new),
          new FixedRegistration(16, UUID.class, UUIDSerializer::new),
          new FixedRegistration(17, URI.class, URISerializer::new),
          new FixedRegistration(18, URL.class, URLSerializer::new),
          new FixedRegistration(19, File.class, FileSerializer::new),
          new FixedRegistration(20, Pattern.class, PatternSerializer::new),
          new FixedRegistration(21, AtomicBoolean.class, AtomicBooleanSerializer::new),
          new FixedRegistration(22, AtomicInteger.class, AtomicIntegerSerializer::new),
          new FixedRegistration(23, AtomicLong.class, AtomicLongSerializer::new),
          new FixedRegistration(24, AtomicReference.class, AtomicReferenceSerializer::new),
          new FixedRegistration(25, EnumMap.class, EnumMapSerializer::new),
          new FixedRegistration(26, int[].class, null),
          new FixedRegistration(27, long[].class, null),
          new FixedRegistration(28, double[].class, null),
          new FixedRegistration(29, String[].class, null),
          new FixedRegistration(30, ArrayList.class, null),
          new FixedRegistration(31, HashMap.class, null),
          new FixedRegistration(32, LinkedHashMap.class, null),
          new FixedRegistration(33, HashSet.class, null),
          new FixedRegistration(34, LinkedHashSet.class, null));

  /** Serializers for supertypes, so that they also apply to subclasses and private classes. */
  private static final List<DefaultForType> DEFAULTS = defaults();

  private final ClassLoader classLoader;
  private final BufferKind bufferKind;

  KryoFactory(ClassLoader classLoader, BufferKind bufferKind) {
    this.classLoader = classLoader;
    this.bufferKind = bufferKind;
  }

  KryoSerializer newSerializer() {
    return new KryoSerializer(
        this::newPooledKryo,
        KryoFingerprint.of(newKryo(), bufferKind, lastRegistrationId(), defaultTypes()));
  }

  PooledKryo newPooledKryo() {
    return new PooledKryo(newKryo(), bufferKind);
  }

  Kryo newKryo() {
    Kryo kryo = new JdkAwareKryo(new ThrowableClassResolver(), new MapReferenceResolver());
    // User payloads are arbitrary object graphs, as with pickle.
    kryo.setRegistrationRequired(false);
    kryo.setReferences(true);
    kryo.setMaxDepth(MAX_DEPTH);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    kryo.setClassLoader(classLoader);
    kryo.setDefaultSerializer(new FallbackSerializerFactory());
    for (DefaultForType each : DEFAULTS) {
      kryo.addDefaultSerializer(each.type(), each.factory().get());
    }
    for (FixedRegistration each : REGISTRATIONS) {
      if (each.serializer() == null) {
        kryo.register(each.type(), each.id());
      } else {
        kryo.register(each.type(), each.serializer().get(), each.id());
      }
    }
    return kryo;
  }

  private static int lastRegistrationId() {
    return REGISTRATIONS.stream().mapToInt(FixedRegistration::id).max().orElseThrow();
  }

  private static List<Class<?>> defaultTypes() {
    return DEFAULTS.stream().<Class<?>>map(DefaultForType::type).toList();
  }

  private static List<DefaultForType> defaults() {
    List<DefaultForType> defaults = new ArrayList<>();
    defaults.add(DefaultForType.of(Throwable.class, ThrowableSerializer::new));
    defaults.add(DefaultForType.of(Path.class, PathSerializer::new));
    defaults.add(DefaultForType.of(EnumMap.class, EnumMapSerializer::new));
    defaults.add(
        new DefaultForType(
            Map.Entry.class, () -> new JdkOnlySerializerFactory(MapEntrySerializer::new)));
    for (CollectionWrapper wrapper : CollectionWrapper.values()) {
      defaults.add(
          DefaultForType.of(wrapper.type(), () -> new CollectionWrapperSerializer(wrapper)));
    }
    for (MapWrapper wrapper : MapWrapper.values()) {
      defaults.add(DefaultForType.of(wrapper.type(), () -> new MapWrapperSerializer(wrapper)));
    }
    return List.copyOf(defaults);
  }

  /** A class registered under a fixed id; a {@code null} serializer means Kryo's default one. */
  record FixedRegistration(int id, Class<?> type, Supplier<Serializer<?>> serializer) {}

  /** A serializer for {@code type} and its subclasses; each Kryo gets its own. */
  record DefaultForType(Class<?> type, Supplier<SerializerFactory<?>> factory) {

    static DefaultForType of(Class<?> type, Supplier<Serializer<?>> serializer) {
      return new DefaultForType(type, () -> new SingletonSerializerFactory<>(serializer.get()));
    }
  }
}
