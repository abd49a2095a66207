package org.multiprocessing4j.core.contract.plainsocket;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.AbstractJavaInterfacesContractTest;

/** The JDK's interfaces over a transport written against the SPI alone. */
class PlainSocketJavaInterfacesContractTest extends AbstractJavaInterfacesContractTest {
  @Override
  protected Pool.Builder configure(Pool.Builder builder) {
    return builder.transport("plain-socket");
  }

  @Override
  protected String transportName() {
    return "plain-socket";
  }
}
