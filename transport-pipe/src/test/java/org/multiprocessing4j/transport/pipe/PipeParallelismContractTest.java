package org.multiprocessing4j.transport.pipe;

import org.multiprocessing4j.Pool;
import org.multiprocessing4j.core.contract.AbstractParallelismContractTest;

class PipeParallelismContractTest extends AbstractParallelismContractTest {
  @Override
  protected Pool.Builder configure(Pool.Builder builder) {
    return builder.transport("pipe");
  }
}
