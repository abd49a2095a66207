package org.multiprocessing4j.core.internal.shared;

import java.net.ProtocolException;
import java.util.Arrays;
import org.multiprocessing4j.core.internal.wire.FrameReader;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.spi.Serializer;

/**
 * The link of proxies used in the JVM where their objects live: a call is handed to the object on
 * the calling thread, and the object's reply wakes the caller directly. One per manager: this JVM
 * is one caller of that manager's objects, with the manager's serializer.
 */
final class LocalLink extends ObjectLink implements Caller {
  private final String fingerprint;

  LocalLink(Serializer serializer, ClassLoader classLoader) {
    super(serializer, classLoader);
    this.fingerprint = serializer.fingerprint();
  }

  @Override
  protected void transmit(FrameWriter frame) throws ProtocolException {
    // A call's frame is written once and never used again, so objects may keep slices of it.
    SharedObjects.dispatch(this, new FrameReader(frame.array(), 0, frame.size()));
  }

  @Override
  public boolean send(FrameWriter reply) {
    // A reply sized exactly (a large pipe message, a queue item) is handed over without a copy.
    byte[] frame = reply.array();
    replied(frame.length == reply.size() ? frame : Arrays.copyOf(frame, reply.size()));
    return true;
  }

  @Override
  public String name() {
    return "MainProcess (pid " + ProcessHandle.current().pid() + ")";
  }

  @Override
  public String serializerFingerprint() {
    return fingerprint;
  }

  String fingerprint() {
    return fingerprint;
  }
}
