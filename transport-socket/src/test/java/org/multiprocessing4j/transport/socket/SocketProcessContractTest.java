package org.multiprocessing4j.transport.socket;

import org.multiprocessing4j.Process;
import org.multiprocessing4j.core.contract.AbstractProcessContractTest;

class SocketProcessContractTest extends AbstractProcessContractTest {
  @Override
  protected Process configure(Process process) {
    return process.transport("socket");
  }

  @Override
  protected String transportName() {
    return "socket";
  }
}
