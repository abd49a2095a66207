package org.multiprocessing4j.core.contract.plainsocket;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.AbstractFailureContractTest;

/** A transport written against the SPI alone fails, retries and recovers as the shipped ones do. */
class PlainSocketFailureContractTest extends AbstractFailureContractTest {
  @Override
  protected Pool.Builder configure(Pool.Builder builder) {
    return builder.transport("plain-socket");
  }
}
