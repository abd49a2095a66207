package org.multiprocessing4j.core.contract.plainsocket;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.AbstractQueueContractTest;

/** A transport written against the SPI alone carries queues and pipes as the shipped ones do. */
class PlainSocketQueueContractTest extends AbstractQueueContractTest {
  @Override
  protected Pool.Builder configure(Pool.Builder builder) {
    return builder.transport("plain-socket");
  }

  @Override
  protected String transportName() {
    return "plain-socket";
  }
}
