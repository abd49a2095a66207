package org.multiprocessing4j.transport.pipe;

import org.multiprocessing4j.core.contract.AbstractFrameChannelContractTest;

class PipeFrameChannelContractTest extends AbstractFrameChannelContractTest {
  @Override
  protected String transportName() {
    return "pipe";
  }

  /** A thread blocked in write(2) on a pipe wakes only when the reader reads or exits. */
  @Override
  protected boolean closeWakesABlockedWrite() {
    return false;
  }
}
