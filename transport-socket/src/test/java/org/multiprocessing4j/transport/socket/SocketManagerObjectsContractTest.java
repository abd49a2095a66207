package org.multiprocessing4j.transport.socket;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.AbstractManagerObjectsContractTest;

class SocketManagerObjectsContractTest extends AbstractManagerObjectsContractTest {
  @Override
  protected Pool.Builder configure(Pool.Builder builder) {
    return builder.transport("socket");
  }
}
