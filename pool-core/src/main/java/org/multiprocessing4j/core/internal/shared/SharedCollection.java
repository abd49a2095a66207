package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;

/**
 * A shared map or list: no call waits, and it holds nothing for its callers. A call's arguments are
 * read (and decoded, where the collection compares them) before the monitor is taken, and the reply
 * is sent after it is released, so that callers on different channels contend only for the change
 * itself.
 */
abstract class SharedCollection implements SharedObject {

  /** What a call does under the collection's monitor, once its arguments are read. */
  interface Change {
    /** Reads or changes the collection, writes the result into {@code reply} and returns it. */
    FrameWriter apply(FrameWriter reply);
  }

  private final String name;
  private final String decodedArguments;
  private boolean closed;

  /**
   * @param name what the collection is, for messages: {@code "map"}
   * @param decodedArguments which arguments it decodes, for the message when it cannot: {@code "A
   *     key or value"}
   */
  SharedCollection(String name, String decodedArguments) {
    this.name = name;
    this.decodedArguments = decodedArguments;
  }

  @Override
  public final void handle(Call call) {
    Change change;
    try {
      change = read(call);
    } catch (ProtocolException unreadable) {
      call.refuseUnreadable(name, unreadable);
      return;
    } catch (SerializationException undecodable) {
      call.answer(
          ReplyFrame.REFUSED,
          decodedArguments
              + " given to a shared "
              + name
              + " cannot be deserialized in the process that owns the "
              + name
              + ": "
              + undecodable.getMessage()
              + ". Its class must be on that process's classpath too.");
      return;
    }
    FrameWriter ok = call.okFrame();
    FrameWriter reply;
    synchronized (this) {
      reply = closed ? null : change.apply(ok);
    }
    if (reply == null) {
      call.answer(ReplyFrame.CLOSED, SharedObject.CLOSED_MESSAGE);
    } else {
      call.send(reply);
    }
  }

  /**
   * Reads the arguments of {@code call}, outside the monitor, and returns what it does.
   *
   * @throws ProtocolException if the arguments are garbled or the operation is unknown
   * @throws SerializationException if an argument that must be decoded cannot be
   */
  abstract Change read(Call call) throws ProtocolException;

  /** The failure of a call whose operation this collection does not have. */
  final ProtocolException unknownOperation(Call call) {
    return call.unknownOperation(name);
  }

  @Override
  public final void cancel(Caller caller, long callId) {
    // No call waits.
  }

  @Override
  public final void callerGone(Caller caller) {
    // A collection holds nothing for its callers.
  }

  /** Refuses every later call; the collection forgets its content. */
  @Override
  public synchronized void close() {
    closed = true;
  }
}
