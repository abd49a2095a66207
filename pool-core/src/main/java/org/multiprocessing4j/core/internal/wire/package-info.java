/**
 * Frame layouts and codecs shared by the parent and the worker: the frame reader and writer, the
 * frame types ({@code Protocol}), one class per message that both writes and reads it ({@code
 * TaskFrame}, {@code ResultFrame}, {@code CallFrame}...), the shared objects' operation codes
 * ({@code Operations}), the bootstrap, values and failures. Depends on nothing else in core.
 *
 * <p>Not API: classes here are public only so that the other {@code core.internal} packages can
 * reach them. They change without notice; applications use {@code org.multiprocessing4j}.
 */
package org.multiprocessing4j.core.internal.wire;
