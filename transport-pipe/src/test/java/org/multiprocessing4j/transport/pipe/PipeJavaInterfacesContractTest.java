package org.multiprocessing4j.transport.pipe;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.AbstractJavaInterfacesContractTest;

class PipeJavaInterfacesContractTest extends AbstractJavaInterfacesContractTest {
  @Override
  protected Pool.Builder configure(Pool.Builder builder) {
    return builder.transport("pipe");
  }

  @Override
  protected String transportName() {
    return "pipe";
  }
}
