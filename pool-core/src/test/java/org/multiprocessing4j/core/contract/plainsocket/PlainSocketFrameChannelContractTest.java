package org.multiprocessing4j.core.contract.plainsocket;

import org.multiprocessing4j.core.contract.AbstractFrameChannelContractTest;

/** A transport written against the SPI alone keeps the frame channel's rules. */
class PlainSocketFrameChannelContractTest extends AbstractFrameChannelContractTest {
  @Override
  protected String transportName() {
    return "plain-socket";
  }
}
