package org.multiprocessing4j.transport.socket;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import org.multiprocessing4j.spi.WorkerProcess;

/** A worker "process" that lives in the test JVM; the test decides when it exits. */
final class FakeWorker implements WorkerProcess {
  private final String name;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  FakeWorker(String name) {
    this.name = name;
  }

  void exit(int code) {
    exit.complete(code);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long pid() {
    return 4242;
  }

  @Override
  public OutputStream stdin() {
    return OutputStream.nullOutputStream();
  }

  @Override
  public InputStream stdout() {
    return InputStream.nullInputStream();
  }

  @Override
  public CompletableFuture<Integer> onExit() {
    return exit;
  }
}
