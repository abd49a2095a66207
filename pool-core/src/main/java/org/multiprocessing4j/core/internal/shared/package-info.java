/**
 * The Manager and its shared objects: the owner side (queues, pipes, locks, semaphores, events,
 * values, dicts, lists), the calls and replies that reach them, and the proxies that children use.
 * Depends on wire.
 *
 * <p>Not API: classes here are public only so that the other {@code core.internal} packages can
 * reach them. They change without notice; applications use {@code org.multiprocessing4j}.
 */
package org.multiprocessing4j.core.internal.shared;
