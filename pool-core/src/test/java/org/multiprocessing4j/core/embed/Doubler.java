package org.multiprocessing4j.core.embed;

import org.multiprocessing4j.SerializableFunction;

/** A task in a class file, for code (jshell snippets) whose own classes exist only in memory. */
public final class Doubler implements SerializableFunction<Integer, Integer> {
  private static final long serialVersionUID = 1L;

  @Override
  public Integer apply(Integer argument) {
    return argument * 2;
  }
}
