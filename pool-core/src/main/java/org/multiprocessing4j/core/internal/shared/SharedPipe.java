package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.multiprocessing4j.core.internal.wire.Operations;

/**
 * The state of a pipe in the JVM of its manager: for each of its two ends, the messages sent to it
 * (first byte their kind, as {@link ConnectionProxy} wrote them), whether it is closed, the
 * receives and polls waiting on it, and the callers that used it (sent, received or polled). An end
 * is closed by {@code close()}, or when every caller that used it is gone; the manager's own JVM
 * never goes.
 *
 * <p>Invariants, under this object's monitor: receives and polls wait only while their end has no
 * message and the other end is open.
 */
final class SharedPipe extends SynchronizedObject {
  private final End[] ends;

  /**
   * Creates a pipe with both ends open.
   *
   * @param timer where the timeouts of waiting polls run
   */
  SharedPipe(ScheduledExecutorService timer) {
    super("pipe");
    this.ends =
        new End[] {
          new End(waitingCalls(timer), waitingCalls(timer)),
          new End(waitingCalls(timer), waitingCalls(timer))
        };
  }

  /** One end: what was sent to it, and who waits on it or used it. */
  private static final class End {
    final ArrayDeque<StoredBytes> inbox = new ArrayDeque<>();
    final WaitingCalls<Boolean> receivers;
    final WaitingCalls<Void> pollers;
    final Set<Caller> users = new HashSet<>();
    Caller lastUser;
    boolean closed;

    End(WaitingCalls<Boolean> receivers, WaitingCalls<Void> pollers) {
      this.receivers = receivers;
      this.pollers = pollers;
    }

    void usedBy(Caller caller) {
      if (caller != lastUser) {
        users.add(caller);
        lastUser = caller;
      }
    }
  }

  @Override
  void perform(Call call) throws ProtocolException {
    int index = call.args().readByte();
    if (index > 1) {
      throw new ProtocolException("no pipe end " + index);
    }
    End end = ends[index];
    End peer = ends[1 - index];
    int operation = call.operation();
    // Asking whether an end is closed does not use it: it must not keep it open.
    if (operation == Operations.Connection.SEND
        || operation == Operations.Connection.RECV
        || operation == Operations.Connection.POLL) {
      end.usedBy(call.caller());
    }
    switch (operation) {
      case Operations.Connection.SEND -> send(end, peer, StoredBytes.rest(call.args()));
      case Operations.Connection.RECV -> receive(call, end, peer, call.args().readBoolean());
      case Operations.Connection.POLL -> poll(call, end, peer, call.args().readLong());
      case Operations.Connection.CLOSE -> {
        closeEnd(end, peer);
        call.ok();
      }
      case Operations.Connection.IS_CLOSED -> call.send(call.okFrame().writeBoolean(end.closed));
      default -> throw unknownOperation(call);
    }
  }

  /**
   * A message sent from a closed end, or to one, is dropped: nobody can ever receive it, and the
   * one-way send has nobody to tell. See {@link org.multiprocessing4j.Connection#send}.
   */
  private void send(End from, End to, StoredBytes message) {
    if (from.closed || to.closed) {
      return;
    }
    to.inbox.addLast(message);
    serve(to, from);
  }

  private void receive(Call call, End end, End peer, boolean serializedOnly) {
    if (end.closed) {
      call.send(call.okFrame().writeByte(Operations.Connection.END_CLOSED));
      return;
    }
    end.receivers.keepOrTimeOut(call, serializedOnly, WaitTime.FOREVER);
    serve(end, peer);
  }

  private void poll(Call call, End end, End peer, long timeoutNanos) {
    if (end.closed) {
      call.send(call.okFrame().writeByte(Operations.Connection.END_CLOSED));
    } else if (!end.inbox.isEmpty() || peer.closed) {
      call.send(call.okFrame().writeByte(Operations.Connection.READY));
    } else {
      end.pollers.keepOrTimeOut(call, null, timeoutNanos);
    }
  }

  /**
   * Answers what waits on {@code end} and can be answered: receives get messages in order (a
   * receive of serialized messages that finds a raw one next is told so and the message stays),
   * polls hear that a receive would not wait, and once the other end is closed and nothing is left,
   * receives get the end of the stream.
   */
  private static void serve(End end, End peer) {
    while (!end.inbox.isEmpty() && !end.receivers.isEmpty()) {
      WaitingCalls.Waiting<Boolean> receiver = end.receivers.poll();
      StoredBytes head = end.inbox.peekFirst();
      Call call = receiver.call;
      if (receiver.argument && head.firstByte() == Operations.Connection.RAW) {
        call.send(call.okFrame().writeByte(Operations.Connection.RAW_NEXT));
      } else {
        end.inbox.pollFirst();
        if (!call.send(head.reply(call))) {
          end.inbox.addFirst(head);
        }
      }
    }
    if (end.inbox.isEmpty() && !peer.closed) {
      return;
    }
    answerAll(end.pollers, Operations.Connection.READY);
    if (end.inbox.isEmpty()) {
      answerAll(end.receivers, Operations.Connection.END_OF_FILE);
    }
  }

  private static void closeEnd(End end, End peer) {
    if (end.closed) {
      return;
    }
    end.closed = true;
    end.inbox.clear();
    answerAll(end.receivers, Operations.Connection.END_CLOSED);
    answerAll(end.pollers, Operations.Connection.END_CLOSED);
    serve(peer, end);
  }

  private static void answerAll(WaitingCalls<?> calls, int outcome) {
    calls.answerAll(call -> call.send(call.okFrame().writeByte(outcome)));
  }

  @Override
  public synchronized void callerGone(Caller caller) {
    super.callerGone(caller);
    for (int index = 0; index < 2; index++) {
      End end = ends[index];
      if (end.lastUser == caller) {
        end.lastUser = null;
      }
      if (end.users.remove(caller) && end.users.isEmpty()) {
        closeEnd(end, ends[1 - index]);
      }
    }
  }

  @Override
  public synchronized void close() {
    super.close();
    for (End end : ends) {
      end.inbox.clear();
    }
  }
}
