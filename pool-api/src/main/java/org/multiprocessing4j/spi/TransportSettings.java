package org.multiprocessing4j.spi;

import java.time.Duration;

/**
 * What a pool tells its transport.
 *
 * @param poolName the pool's name, for thread names and log lines
 * @param maxFrameSize the largest frame, in bytes, either side may send; a longer length prefix is
 *     a protocol error
 * @param handshakeTimeout how long a connecting peer may take to prove who it is
 */
public record TransportSettings(String poolName, int maxFrameSize, Duration handshakeTimeout) {}
