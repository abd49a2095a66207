package org.multiprocessing4j.core.contract.plainsocket;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.AbstractParallelismContractTest;

class PlainSocketParallelismContractTest extends AbstractParallelismContractTest {
  @Override
  protected Pool.Builder configure(Pool.Builder builder) {
    return builder.transport("plain-socket");
  }
}
