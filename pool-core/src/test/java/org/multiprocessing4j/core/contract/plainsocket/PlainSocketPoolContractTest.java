package org.multiprocessing4j.core.contract.plainsocket;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.AbstractPoolContractTest;

/** A transport written against the SPI alone passes the same contract as the shipped ones. */
class PlainSocketPoolContractTest extends AbstractPoolContractTest {
  @Override
  protected Pool.Builder configure(Pool.Builder builder) {
    return builder.transport("plain-socket");
  }

  @Override
  protected String transportName() {
    return "plain-socket";
  }
}
