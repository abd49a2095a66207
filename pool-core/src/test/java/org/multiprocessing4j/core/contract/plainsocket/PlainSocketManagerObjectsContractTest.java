package org.multiprocessing4j.core.contract.plainsocket;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.AbstractManagerObjectsContractTest;

/**
 * A transport written against the SPI alone carries the Manager's objects as the shipped ones do.
 */
class PlainSocketManagerObjectsContractTest extends AbstractManagerObjectsContractTest {
  @Override
  protected Pool.Builder configure(Pool.Builder builder) {
    return builder.transport("plain-socket");
  }
}
