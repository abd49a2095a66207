package org.multiprocessing4j.transport.socket;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.AbstractPoolContractTest;

class SocketPoolContractTest extends AbstractPoolContractTest {
  @Override
  protected Pool.Builder configure(Pool.Builder builder) {
    return builder.transport("socket");
  }

  @Override
  protected String transportName() {
    return "socket";
  }
}
