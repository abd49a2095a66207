package org.multiprocessing4j.kryo;

import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.multiprocessing4j.RemoteException;

/**
 * What is worth keeping of a throwable when Java serialization cannot carry it: class name,
 * message, stack trace, cause and suppressed throwables. It needs neither the throwable's fields
 * nor its class on the reading side.
 */
record ThrowableStructure(
    String className,
    String message,
    StackTraceElement[] stackTrace,
    ThrowableStructure cause,
    List<ThrowableStructure> suppressed) {

  static ThrowableStructure of(Throwable throwable) {
    return of(throwable, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  /** {@code seen} stops cause and suppressed cycles, as {@link Throwable#printStackTrace} does. */
  private static ThrowableStructure of(Throwable throwable, Set<Throwable> seen) {
    seen.add(throwable);
    Throwable cause = throwable.getCause();
    ThrowableStructure causeStructure =
        cause == null || seen.contains(cause) ? null : of(cause, seen);
    List<ThrowableStructure> suppressed = new ArrayList<>();
    for (Throwable each : throwable.getSuppressed()) {
      if (!seen.contains(each)) {
        suppressed.add(of(each, seen));
      }
    }
    return new ThrowableStructure(
        throwable.getClass().getName(),
        throwable.getMessage(),
        throwable.getStackTrace(),
        causeStructure,
        suppressed);
  }

  void write(Output output) {
    output.writeString(className);
    output.writeString(message);
    output.writeVarInt(stackTrace.length, true);
    for (StackTraceElement element : stackTrace) {
      StackTraceElementSerializer.writeElement(output, element);
    }
    output.writeBoolean(cause != null);
    if (cause != null) {
      cause.write(output);
    }
    output.writeVarInt(suppressed.size(), true);
    for (ThrowableStructure each : suppressed) {
      each.write(output);
    }
  }

  static ThrowableStructure read(Input input) {
    String className = input.readString();
    String message = input.readString();
    StackTraceElement[] stackTrace = new StackTraceElement[input.readVarInt(true)];
    for (int i = 0; i < stackTrace.length; i++) {
      stackTrace[i] = StackTraceElementSerializer.readElement(input);
    }
    ThrowableStructure cause = input.readBoolean() ? read(input) : null;
    int suppressedCount = input.readVarInt(true);
    List<ThrowableStructure> suppressed = new ArrayList<>(suppressedCount);
    for (int i = 0; i < suppressedCount; i++) {
      suppressed.add(read(input));
    }
    return new ThrowableStructure(className, message, stackTrace, cause, suppressed);
  }

  /**
   * Rebuilds the throwable as its original class when that class is here and has a public {@code
   * (String)} or {@code (String, Throwable)} constructor, otherwise as a {@link RemoteException}
   * naming it.
   */
  Throwable rebuild(ClassLoader loader) {
    Throwable rebuiltCause = cause == null ? null : cause.rebuild(loader);
    Throwable throwable = instantiate(loader, rebuiltCause);
    throwable.setStackTrace(stackTrace);
    if (rebuiltCause != null && throwable.getCause() != rebuiltCause) {
      try {
        throwable.initCause(rebuiltCause);
      } catch (IllegalStateException causeAlreadySet) {
        throwable.addSuppressed(rebuiltCause);
      }
    }
    for (ThrowableStructure each : suppressed) {
      throwable.addSuppressed(each.rebuild(loader));
    }
    return throwable;
  }

  private Throwable instantiate(ClassLoader loader, Throwable rebuiltCause) {
    try {
      Class<? extends Throwable> type =
          Class.forName(className, false, loader).asSubclass(Throwable.class);
      try {
        return type.getConstructor(String.class).newInstance(message);
      } catch (NoSuchMethodException noMessageConstructor) {
        return type.getConstructor(String.class, Throwable.class)
            .newInstance(message, rebuiltCause);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError unusable) {
      return new RemoteException(className, message);
    }
  }
}
