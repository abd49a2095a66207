package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import org.multiprocessing4j.SerializableFunction;
import org.multiprocessing4j.SerializationException;
import org.multiprocessing4j.core.internal.wire.Encoded;
import org.multiprocessing4j.core.internal.wire.FailureCodec;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.core.internal.wire.Operations;
import org.multiprocessing4j.core.internal.wire.ReplyFrame;
import org.multiprocessing4j.spi.Serializer;

/**
 * The state of a {@link org.multiprocessing4j.Value}: the value's encoding, decoded only to apply
 * an update's function to it, under this object's monitor so that no other call sees or changes the
 * value in between. No call waits.
 */
final class SharedValue extends SynchronizedObject {
  private final Serializer serializer;
  private final FailureCodec failures;
  private byte[] value;

  SharedValue(byte[] initial, Serializer serializer, FailureCodec failures) {
    super("value");
    this.value = initial;
    this.serializer = serializer;
    this.failures = failures;
  }

  @Override
  void perform(Call call) throws ProtocolException {
    switch (call.operation()) {
      case Operations.Value.GET -> call.send(call.okFrame().writeBytes(value));
      case Operations.Value.SET -> {
        value = call.args().readBytes();
        call.ok();
      }
      case Operations.Value.UPDATE -> call.send(update(call, call.args().readBytes()));
      default -> throw unknownOperation(call);
    }
  }

  /**
   * Applies the function and keeps its result. Returns the reply: the new value, or {@link
   * Reply#FAILED} if the function could not be read, threw, or returned what cannot be serialized;
   * then the value is unchanged.
   */
  private FrameWriter update(Call call, byte[] encodedFunction) {
    byte[] updated;
    try {
      @SuppressWarnings("unchecked")
      SerializableFunction<Object, Object> function =
          (SerializableFunction<Object, Object>) decodeFunction(encodedFunction);
      Object old = Encoded.decode(serializer, value);
      updated = Encoded.bytes(serializer, function.apply(old));
    } catch (Throwable failure) {
      // The function is the caller's code, run on a thread that reads a channel: what it throws
      // goes back to the caller, and this thread goes on.
      FrameWriter failed = ReplyFrame.start(call.callId(), ReplyFrame.FAILED);
      failures.write(failure, failed);
      return failed;
    }
    value = updated;
    return call.okFrame().writeBytes(updated);
  }

  private Object decodeFunction(byte[] encoded) {
    try {
      return Encoded.decode(serializer, encoded);
    } catch (SerializationException unreadable) {
      throw new SerializationException(
          "The function given to Value.update cannot be deserialized in the process that owns"
              + " the value: "
              + unreadable.getMessage()
              + ". Its class must be on that process's classpath too.",
          unreadable);
    }
  }
}
