/**
 * The pool, process and manager facades that implement pool-api: {@code ProcessPool}, {@code
 * ChildProcess}, the per-call jobs and results (apply, map, imap), callbacks and the task encoder.
 * Depends on supervision, scheduling, shared, launch and wire; nothing depends on it but the {@code
 * PoolFactory} service entry.
 *
 * <p>Not API: classes here are public only so that the other {@code core.internal} packages can
 * reach them. They change without notice; applications use {@code org.multiprocessing4j}.
 */
package org.multiprocessing4j.core.internal.pool;
