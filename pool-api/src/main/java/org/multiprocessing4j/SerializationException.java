package org.multiprocessing4j;

/**
 * An object could not be serialized or deserialized for the trip between JVMs. Thrown by the
 * submitting method when a task or one of its arguments cannot be serialized, and used as the
 * failure of a task whose result cannot be sent back. The message names the offending type and says
 * how to fix it.
 */
public class SerializationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which object failed and how to fix it
   * @param cause the serializer's own exception, or {@code null}
   */
  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
