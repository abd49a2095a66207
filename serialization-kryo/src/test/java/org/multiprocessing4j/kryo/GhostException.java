package org.multiprocessing4j.kryo;

/** Copied under another name by {@link WriterOnlyClass}; see there. */
public class GhostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GhostException(String message) {
    super(message);
  }
}
