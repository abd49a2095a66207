package org.multiprocessing4j.core.internal.wire;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.multiprocessing4j.RemoteException;
import org.multiprocessing4j.spi.Serializer;

/**
 * Carries an exception from a worker to the parent so that it always arrives, whatever it holds.
 *
 * <p>A failure record holds the exception as the serializer encodes it (best effort: it keeps
 * custom fields) and, always, a structural copy written here: class name, message, stack trace,
 * cause chain and suppressed exceptions, in plain strings. The parent uses the serializer's copy
 * when it decodes, else rebuilds the original class from the structure through a public {@code
 * (String)} constructor, else a {@link RemoteException} stands in. Either way the remote stack
 * trace is kept. Python's pool, by contrast, hangs when an exception fails to unpickle.
 */
public final class FailureCodec {
  private static final int MAX_DEPTH = 32;

  private final Serializer serializer;
  private final ClassLoader classLoader;

  public FailureCodec(Serializer serializer, ClassLoader classLoader) {
    this.serializer = serializer;
    this.classLoader = classLoader;
  }

  public void write(Throwable failure, FrameWriter out) {
    FrameWriter encoded = new FrameWriter(1024);
    boolean serialized;
    try {
      serializer.serialize(failure, encoded);
      serialized = true;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      serialized = false;
    }
    out.writeBoolean(serialized);
    if (serialized) {
      out.writeInt(encoded.size());
      out.write(encoded.array(), 0, encoded.size());
    }
    writeStructure(failure, out, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
  }

  public Throwable read(FrameReader in) throws IOException {
    Throwable decoded = null;
    if (in.readBoolean()) {
      int length = in.readInt();
      int start = in.position();
      in.skip(length);
      try {
        Object value = serializer.deserialize(in.frame(), start, length);
        if (value instanceof Throwable) {
          decoded = (Throwable) value;
        }
      } catch (RuntimeException | LinkageError e) {
        // The structural copy below always decodes; this copy was only the richer one.
      }
    }
    Throwable structural = readStructure(in);
    if (decoded == null) {
      return structural;
    }
    if (decoded.getStackTrace().length == 0) {
      decoded.setStackTrace(structural.getStackTrace());
    }
    return decoded;
  }

  private static void writeStructure(
      Throwable failure, FrameWriter out, Set<Throwable> seen, int depth) {
    seen.add(failure);
    out.writeString(failure.getClass().getName());
    out.writeString(safeMessage(failure));
    StackTraceElement[] frames = failure.getStackTrace();
    out.writeInt(frames.length);
    for (StackTraceElement frame : frames) {
      out.writeString(frame.getClassLoaderName())
          .writeString(frame.getModuleName())
          .writeString(frame.getModuleVersion())
          .writeString(frame.getClassName())
          .writeString(frame.getMethodName())
          .writeString(frame.getFileName())
          .writeInt(frame.getLineNumber());
    }
    Throwable cause = failure.getCause();
    boolean writeCause = cause != null && !seen.contains(cause) && depth < MAX_DEPTH;
    out.writeBoolean(writeCause);
    if (writeCause) {
      writeStructure(cause, out, seen, depth + 1);
    }
    List<Throwable> suppressed = new ArrayList<>();
    if (depth < MAX_DEPTH) {
      for (Throwable each : failure.getSuppressed()) {
        if (!seen.contains(each)) {
          suppressed.add(each);
        }
      }
    }
    out.writeInt(suppressed.size());
    for (Throwable each : suppressed) {
      writeStructure(each, out, seen, depth + 1);
    }
  }

  private Throwable readStructure(FrameReader in) throws IOException {
    String className = in.readString();
    String message = in.readString();
    int frameCount = in.readInt();
    if (frameCount < 0 || frameCount > in.remaining()) {
      throw in.garbled("bad stack frame count " + frameCount);
    }
    StackTraceElement[] frames = new StackTraceElement[frameCount];
    for (int i = 0; i < frameCount; i++) {
      String loaderName = in.readString();
      String moduleName = in.readString();
      String moduleVersion = in.readString();
      String declaringClass = in.readString();
      String methodName = in.readString();
      String fileName = in.readString();
      int line = in.readInt();
      frames[i] =
          new StackTraceElement(
              loaderName, moduleName, moduleVersion, declaringClass, methodName, fileName, line);
    }
    Throwable cause = in.readBoolean() ? readStructure(in) : null;
    int suppressedCount = in.readInt();
    List<Throwable> suppressed = new ArrayList<>();
    for (int i = 0; i < suppressedCount; i++) {
      suppressed.add(readStructure(in));
    }
    Throwable rebuilt = instantiate(className, message);
    if (rebuilt == null) {
      rebuilt = new RemoteException(className, message);
    }
    rebuilt.setStackTrace(frames);
    if (cause != null && rebuilt.getCause() != cause) {
      try {
        rebuilt.initCause(cause);
      } catch (IllegalStateException | IllegalArgumentException alreadySet) {
        rebuilt.addSuppressed(cause);
      }
    }
    suppressed.forEach(rebuilt::addSuppressed);
    return rebuilt;
  }

  private Throwable instantiate(String className, String message) {
    try {
      Class<?> type = Class.forName(className, false, classLoader);
      if (!Throwable.class.isAssignableFrom(type)) {
        return null;
      }
      try {
        Constructor<?> withMessage = type.getConstructor(String.class);
        return (Throwable) withMessage.newInstance(message);
      } catch (NoSuchMethodException e) {
        if (message == null) {
          return (Throwable) type.getConstructor().newInstance();
        }
        return null;
      }
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  private static String safeMessage(Throwable failure) {
    try {
      return failure.getMessage();
    } catch (RuntimeException e) {
      return "(getMessage() threw " + e.getClass().getName() + ")";
    }
  }
}
