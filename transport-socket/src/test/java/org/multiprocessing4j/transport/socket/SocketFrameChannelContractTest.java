package org.multiprocessing4j.transport.socket;

import org.multiprocessing4j.core.contract.AbstractFrameChannelContractTest;

class SocketFrameChannelContractTest extends AbstractFrameChannelContractTest {
  @Override
  protected String transportName() {
    return "socket";
  }
}
