package org.multiprocessing4j.transport.socket;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.AbstractJavaInterfacesContractTest;

class SocketJavaInterfacesContractTest extends AbstractJavaInterfacesContractTest {
  @Override
  protected Pool.Builder configure(Pool.Builder builder) {
    return builder.transport("socket");
  }

  @Override
  protected String transportName() {
    return "socket";
  }
}
