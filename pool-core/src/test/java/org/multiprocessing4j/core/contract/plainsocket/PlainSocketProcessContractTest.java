package org.multiprocessing4j.core.contract.plainsocket;

import org.multiprocessing4j.Process;
import org.multiprocessing4j.core.contract.AbstractProcessContractTest;

/** A transport written against the SPI alone runs processes as the shipped ones do. */
class PlainSocketProcessContractTest extends AbstractProcessContractTest {
  @Override
  protected Process configure(Process process) {
    return process.transport("plain-socket");
  }

  @Override
  protected String transportName() {
    return "plain-socket";
  }
}
