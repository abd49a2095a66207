package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import java.util.concurrent.ScheduledExecutorService;
import org.multiprocessing4j.core.internal.wire.Operations;

/** The state of an {@link org.multiprocessing4j.Event}: the flag, and who waits for it. */
final class SharedEvent extends SynchronizedObject {
  private final WaitingCalls<Void> waiting;
  private boolean set;

  SharedEvent(ScheduledExecutorService timer) {
    super("event");
    this.waiting = waitingCalls(timer);
  }

  @Override
  void perform(Call call) throws ProtocolException {
    switch (call.operation()) {
      case Operations.Event.SET -> {
        set = true;
        waiting.answerAll(Call::ok);
        call.ok();
      }
      case Operations.Event.CLEAR -> {
        set = false;
        call.ok();
      }
      case Operations.Event.IS_SET -> call.send(call.okFrame().writeBoolean(set));
      case Operations.Event.AWAIT -> await(call, call.args().readLong());
      default -> throw unknownOperation(call);
    }
  }

  private void await(Call call, long timeoutNanos) {
    if (set) {
      call.ok();
    } else {
      waiting.keepOrTimeOut(call, null, timeoutNanos);
    }
  }
}
