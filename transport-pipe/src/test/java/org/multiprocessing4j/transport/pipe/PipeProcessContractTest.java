package org.multiprocessing4j.transport.pipe;

import org.multiprocessing4j.Process;
import org.multiprocessing4j.core.contract.AbstractProcessContractTest;

class PipeProcessContractTest extends AbstractProcessContractTest {
  @Override
  protected Process configure(Process process) {
    return process.transport("pipe");
  }

  @Override
  protected String transportName() {
    return "pipe";
  }
}
