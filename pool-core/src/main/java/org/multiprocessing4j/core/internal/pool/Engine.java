package org.multiprocessing4j.core.internal.pool;

import org.multiprocessing4j.core.internal.supervision.ReplacementPolicy;
import org.multiprocessing4j.core.internal.supervision.Supervisor;
import org.multiprocessing4j.core.internal.wire.FrameWriter;
import org.multiprocessing4j.spi.PoolSpec;
import org.multiprocessing4j.spi.Serializer;

/**
 * What a pool or a process runs on: the encoder that turns calls into tasks, and the supervisor of
 * the workers that run them, both with the same serializer.
 *
 * @param encoder serializes functions and items into task frames
 * @param supervisor keeps the workers
 */
record Engine(TaskEncoder encoder, Supervisor supervisor) {

  /**
   * Builds the serializer, the encoder and the supervisor; starts nothing yet.
   *
   * @throws org.multiprocessing4j.SerializationException if the initializer cannot be serialized
   * @throws java.io.UncheckedIOException if the transport cannot start
   */
  static Engine build(PoolSpec spec, ReplacementPolicy replacement) {
    Serializer serializer = spec.serializer().create(spec.classLoader());
    TaskEncoder encoder = new TaskEncoder(serializer, spec.maxFrameSize());
    FrameWriter init = encoder.encodeInitializer(spec.initializer());
    return new Engine(
        encoder, new Supervisor(spec, serializer, init.array(), init.size(), replacement));
  }
}
