/**
 * Decides which worker runs which task, when workers start, retire and are replaced, and when a
 * queued task moves to an idle worker. Pure decisions under one lock, no I/O of its own: it calls
 * back through {@code WorkerLink} and {@code PoolLifecycle}. Depends on nothing else in core.
 *
 * <p>Not API: classes here are public only so that the other {@code core.internal} packages can
 * reach them. They change without notice; applications use {@code org.multiprocessing4j}.
 */
package org.multiprocessing4j.core.internal.scheduling;
