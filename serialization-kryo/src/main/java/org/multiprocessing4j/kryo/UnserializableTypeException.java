package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.KryoException;

/**
 * Names the class that cannot be serialized, and how to fix it, as the failure travels up through
 * Kryo (which adds the field path to it on the way).
 */
final class UnserializableTypeException extends KryoException {
  private static final long serialVersionUID = 1L;

  private final transient Class<?> type;
  private final String problem;
  private final String fix;

  private UnserializableTypeException(Class<?> type, String problem, String fix, Throwable cause) {
    super(problem, cause);
    this.type = type;
    this.problem = problem;
    this.fix = fix;
  }

  /** Kryo could not build a serializer for {@code type}; {@code cause} says why. */
  static UnserializableTypeException noSerializer(Class<?> type, Throwable cause) {
    String fix =
        JdkClasses.isJdk(type)
            ? "It is a JDK class whose internals Java 17+ keeps closed to Kryo: mark the field that"
                + " holds it transient, or send a plain value (a name, an id, a copy) in its place."
            : "Mark the field that holds it transient, or "
                + FailureMessages.CUSTOM_SERIALIZER
                + ".";
    return new UnserializableTypeException(
        type,
        "Kryo cannot build a serializer for it (" + FailureMessages.rootCause(cause) + ")",
        fix,
        cause);
  }

  /** {@code type} is a lambda or method reference whose target interface is not Serializable. */
  static UnserializableTypeException notSerializableLambda(Class<?> type) {
    return new UnserializableTypeException(
        type,
        "its target interface is not Serializable, so the JDK cannot describe it for another JVM",
        "Make the lambda target a Serializable functional interface (for example"
            + " org.multiprocessing4j.SerializableFunction), or cast it to an intersection type"
            + " such as (Function<A, B> & Serializable).",
        null);
  }

  Class<?> type() {
    return type;
  }

  /** What went wrong, without Kryo's field path. */
  String problem() {
    return problem;
  }

  /** How to fix it, as a sentence. */
  String fix() {
    return fix;
  }
}
