package org.multiprocessing4j.transport.socket;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.AbstractParallelismContractTest;

class SocketParallelismContractTest extends AbstractParallelismContractTest {
  @Override
  protected Pool.Builder configure(Pool.Builder builder) {
    return builder.transport("socket");
  }
}
