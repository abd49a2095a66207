package org.multiprocessing4j;

/**
 * Stands in for an exception thrown in a worker JVM whose class cannot be rebuilt in this JVM (the
 * class is missing here, or has no usable constructor). It carries the remote class name, the
 * message, the remote stack trace (as its own {@link #getStackTrace() stack trace}) and the remote
 * cause chain (as its {@link #getCause() cause}).
 */
public class RemoteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String remoteClassName;
  private final String remoteMessage;

  /**
   * Creates a stand-in for a remote exception.
   *
   * @param remoteClassName the binary name of the exception's class in the worker
   * @param remoteMessage the exception's message in the worker, or {@code null}
   */
  public RemoteException(String remoteClassName, String remoteMessage) {
    super(remoteMessage == null ? remoteClassName : remoteClassName + ": " + remoteMessage);
    this.remoteClassName = remoteClassName;
    this.remoteMessage = remoteMessage;
  }

  /**
   * Returns the binary class name of the exception thrown in the worker.
   *
   * @return the remote class name, for example {@code com.example.ParseError}
   */
  public String remoteClassName() {
    return remoteClassName;
  }

  /**
   * Returns the message of the exception thrown in the worker.
   *
   * @return the remote message, or {@code null} if it had none
   */
  public String remoteMessage() {
    return remoteMessage;
  }
}
