/**
 * The worker JVM's side: its main class, which runs tasks in order on its main thread, and the
 * outbox that orders what it sends. Depends on wire and shared (a task may use the parent's shared
 * objects).
 *
 * <p>Not API: classes here are public only so that the other {@code core.internal} packages can
 * reach them. They change without notice; applications use {@code org.multiprocessing4j}.
 */
package org.multiprocessing4j.core.internal.worker;
