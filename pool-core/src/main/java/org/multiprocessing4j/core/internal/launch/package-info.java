/**
 * Starts worker JVMs: the command line and argfile, the class-data archive, the process's output,
 * and what its exit status means. Depends only on the worker's entry point class name.
 *
 * <p>Not API: classes here are public only so that the other {@code core.internal} packages can
 * reach them. They change without notice; applications use {@code org.multiprocessing4j}.
 */
package org.multiprocessing4j.core.internal.launch;
