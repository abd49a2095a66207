package org.multiprocessing4j.core.internal;

import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A caller that records the replies it gets, and that can be gone. */
final class FakeCaller implements Caller {
  /** One reply, with the id of the call it answers. */
  record Answer(long callId, Reply reply) {
    int status() {
      return reply.status;
    }
  }

  private final String name;
  private final List<Answer> answers = new ArrayList<>();
  private long callIds;
  boolean gone;

  FakeCaller(String name) {
    this.name = name;
  }

  /** A call from this caller; {@code args} is consumed as the call's arguments. */
  Call call(int operation, FrameWriter args) {
    return new Call(this, ++callIds, operation, reader(args));
  }

  /** A one-way call from this caller. */
  Call oneWay(int operation, FrameWriter args) {
    return new Call(this, 0, operation, reader(args));
  }

  static FrameWriter args() {
    return new FrameWriter(16);
  }

  private static FrameReader reader(FrameWriter args) {
    return new FrameReader(Arrays.copyOf(args.array(), args.size()));
  }

  /** Takes the replies received since the last time. */
  List<Answer> take() {
    List<Answer> taken = List.copyOf(answers);
    answers.clear();
    return taken;
  }

  @Override
  public boolean send(FrameWriter reply) {
    if (gone) {
      return false;
    }
    byte[] frame = Arrays.copyOf(reply.array(), reply.size());
    try {
      answers.add(new Answer(Reply.callId(frame), Reply.read(frame)));
    } catch (ProtocolException e) {
      throw new AssertionError(e);
    }
    return true;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String serializerFingerprint() {
    return "fake";
  }
}
