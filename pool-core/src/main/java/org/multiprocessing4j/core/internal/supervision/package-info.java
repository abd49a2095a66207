/**
 * Keeps a pool's workers: starts and connects them, reads what they send, decides what a lost
 * worker costs (retry, fail, replace, break the pool) and counts it. Depends on scheduling, launch,
 * shared and wire.
 *
 * <p>Not API: classes here are public only so that the other {@code core.internal} packages can
 * reach them. They change without notice; applications use {@code org.multiprocessing4j}.
 */
package org.multiprocessing4j.core.internal.supervision;
