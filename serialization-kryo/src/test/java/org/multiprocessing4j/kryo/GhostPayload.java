package org.multiprocessing4j.kryo;

/** Copied under another name by {@link WriterOnlyClass}; see there. */
public class GhostPayload {
  public String text = "boo";
}
