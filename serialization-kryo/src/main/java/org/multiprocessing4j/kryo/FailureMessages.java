package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.KryoException;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.multiprocessing4j.SerializationException;

/**
 * Turns Kryo's failures into {@link SerializationException}s that name the type at fault and say
 * how to fix it. Kryo's own messages name a field path at best, and often only a JDK internal.
 */
final class FailureMessages {
  /** How an application class gets a serializer of its own; the SPI has no registration API. */
  static final String CUSTOM_SERIALIZER =
      "give its class a custom Kryo serializer (implement"
          + " com.esotericsoftware.kryo.kryo5.KryoSerializable, or annotate the class with"
          + " @com.esotericsoftware.kryo.kryo5.DefaultSerializer)";

  private static final String TRACE_HEADER = "\nSerialization trace:\n";
  private static final int MAX_TRACE_LINES = 12;

  private FailureMessages() {}

  static SerializationException writing(Object value, Throwable failure) {
    UnserializableTypeException unserializable = find(failure, UnserializableTypeException.class);
    NotSerializableException notSerializable = find(failure, NotSerializableException.class);
    String message;
    if (unserializable != null) {
      message =
          "Cannot serialize "
              + describe(unserializable.type())
              + ": "
              + unserializable.problem()
              + ". "
              + unserializable.fix();
    } else if (isTooDeep(failure)) {
      message =
          "Cannot serialize "
              + describe(value.getClass())
              + ": the object graph is nested too deeply. Flatten it (for example, send a long"
              + " linked structure as an ArrayList) or serialize it on a thread with a larger"
              + " stack.";
    } else if (notSerializable != null) {
      message =
          "Cannot serialize "
              + notSerializable.getMessage()
              + ": it is not Serializable, and Java serialization is used for the JDK object that"
              + " holds it. Make it Serializable, mark the field that holds it transient, or send"
              + " the data in a plain collection.";
    } else {
      message =
          "Cannot serialize a value of type "
              + describe(value.getClass())
              + ": "
              + rootCause(failure)
              + ". Mark the offending field transient, or "
              + CUSTOM_SERIALIZER
              + ".";
    }
    return new SerializationException(message + trace(failure), failure);
  }

  static SerializationException reading(Throwable failure) {
    String missingClass = missingClass(failure);
    UnserializableTypeException unserializable = find(failure, UnserializableTypeException.class);
    String message;
    if (missingClass != null) {
      message =
          "Cannot deserialize: class "
              + missingClass
              + " is not on this JVM's classpath. Every class sent between JVMs must be on the"
              + " worker's classpath as well as the parent's.";
    } else if (unserializable != null) {
      message =
          "Cannot deserialize "
              + describe(unserializable.type())
              + ": "
              + unserializable.problem()
              + ". "
              + unserializable.fix();
    } else if (isTooDeep(failure)) {
      message =
          "Cannot deserialize: the object graph is nested too deeply. Flatten it (for example,"
              + " send a long linked structure as an ArrayList).";
    } else {
      message =
          "Cannot deserialize: "
              + rootCause(failure)
              + ". The bytes are damaged, or were written by a serializer configured differently:"
              + " both ends must report the same fingerprint().";
    }
    return new SerializationException(message + trace(failure), failure);
  }

  /** The innermost cause, as "class: message" without Kryo's field path. */
  static String rootCause(Throwable failure) {
    List<Throwable> chain = causeChain(failure);
    Throwable root = chain.get(chain.size() - 1);
    String message = root.getMessage();
    if (message == null) {
      return root.getClass().getName();
    }
    int trace = message.indexOf(TRACE_HEADER);
    String withoutTrace = trace < 0 ? message : message.substring(0, trace);
    // The caller goes on with ". ": avoid "..".
    return root.getClass().getName() + ": " + withoutTrace.replaceAll("\\.+$", "");
  }

  private static String describe(Class<?> type) {
    String name = type.getName();
    int lambda = name.indexOf("$$Lambda");
    if (type.isSynthetic() && lambda >= 0) {
      return "a lambda or method reference implementing "
          + Arrays.stream(type.getInterfaces())
              .filter(i -> i != Serializable.class)
              .map(Class::getName)
              .collect(Collectors.joining(", "))
          + ", defined in "
          + name.substring(0, lambda);
    }
    return name;
  }

  private static boolean isTooDeep(Throwable failure) {
    for (Throwable t : causeChain(failure)) {
      if (t instanceof StackOverflowError
          || (t instanceof KryoException
              && String.valueOf(t.getMessage()).startsWith("Max depth"))) {
        return true;
      }
    }
    return false;
  }

  private static String missingClass(Throwable failure) {
    for (Throwable t : causeChain(failure)) {
      if (t instanceof ClassNotFoundException) {
        return t.getMessage();
      }
      if (t instanceof NoClassDefFoundError) {
        return t.getMessage().replace('/', '.');
      }
    }
    return null;
  }

  /** The innermost {@code type} in the cause chain: the one closest to what actually failed. */
  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    T innermost = null;
    for (Throwable t : causeChain(failure)) {
      if (type.isInstance(t)) {
        innermost = type.cast(t);
      }
    }
    return innermost;
  }

  /** Kryo's field path, innermost field first, shortened for deep graphs. */
  private static String trace(Throwable failure) {
    for (Throwable t : causeChain(failure)) {
      String message = t instanceof KryoException ? t.getMessage() : null;
      int start = message == null ? -1 : message.indexOf(TRACE_HEADER);
      if (start >= 0) {
        String[] lines = message.substring(start + TRACE_HEADER.length()).split("\n");
        String shown =
            String.join("\n", Arrays.copyOf(lines, Math.min(lines.length, MAX_TRACE_LINES)));
        String more =
            lines.length > MAX_TRACE_LINES
                ? "\n... " + (lines.length - MAX_TRACE_LINES) + " more"
                : "";
        return "\nSerialization trace (innermost field first):\n" + shown + more;
      }
    }
    return "";
  }

  /** {@code failure} and its causes, outermost first; a cause cycle ends the chain. */
  private static List<Throwable> causeChain(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
