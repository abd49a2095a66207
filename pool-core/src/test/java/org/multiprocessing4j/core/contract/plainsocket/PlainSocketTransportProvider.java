package org.multiprocessing4j.core.contract.plainsocket;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.multiprocessing4j.spi.FrameChannel;
import org.multiprocessing4j.spi.ParentTransport;
import org.multiprocessing4j.spi.TransportProvider;
import org.multiprocessing4j.spi.TransportSettings;
import org.multiprocessing4j.spi.WorkerProcess;
import org.multiprocessing4j.spi.WorkerTransport;

/**
 * A third transport, written the way a user would write one: blocking loopback sockets, a
 * per-worker token handed over stdin, and {@link SocketFrameChannel} for framing. It is small on
 * purpose; it shows that the pool depends only on the SPI. Priority 0: never the default.
 */
public final class PlainSocketTransportProvider extends TransportProvider {
  private static final int TOKEN_BYTES = 32;

  public PlainSocketTransportProvider() {}

  @Override
  public String name() {
    return "plain-socket";
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public ParentTransport createParentTransport(TransportSettings settings) throws IOException {
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Map<String, CompletableFuture<Socket>> awaited = new ConcurrentHashMap<>();
    Map<String, CompletableFuture<Socket>> byWorker = new ConcurrentHashMap<>();
    SecureRandom random = new SecureRandom();
    Thread acceptor =
        new Thread(() -> acceptLoop(listener, awaited, settings), "plain-socket-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    return new ParentTransport() {
      @Override
      public byte[] connectionParameters(String workerName) {
        byte[] token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        CompletableFuture<Socket> connection = new CompletableFuture<>();
        awaited.put(HexFormat.of().formatHex(token), connection);
        byWorker.put(workerName, connection);
        return ByteBuffer.allocate(4 + TOKEN_BYTES)
            .putInt(listener.getLocalPort())
            .put(token)
            .array();
      }

      @Override
      public FrameChannel connect(WorkerProcess worker, Duration timeout)
          throws IOException, TimeoutException, InterruptedException {
        CompletableFuture<Socket> connected = awaitedFor(worker);
        try {
          Object first =
              CompletableFuture.anyOf(connected, worker.onExit())
                  .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          if (!(first instanceof Socket socket)) {
            throw new IOException("worker " + worker.name() + " exited before connecting");
          }
          return new SocketFrameChannel(socket, settings.maxFrameSize());
        } catch (ExecutionException e) {
          throw new IOException(e.getCause());
        }
      }

      private CompletableFuture<Socket> awaitedFor(WorkerProcess worker) throws IOException {
        CompletableFuture<Socket> connection = byWorker.remove(worker.name());
        if (connection == null) {
          throw new IOException("no connection parameters were issued for " + worker.name());
        }
        return connection;
      }

      @Override
      public void close() {
        try {
          listener.close();
        } catch (IOException ignored) {
          // Nothing to release if it is already closed.
        }
      }
    };
  }

  private static void acceptLoop(
      ServerSocket listener,
      Map<String, CompletableFuture<Socket>> awaited,
      TransportSettings settings) {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException closed) {
        return;
      }
      try {
        socket.setSoTimeout((int) settings.handshakeTimeout().toMillis());
        byte[] token = new byte[TOKEN_BYTES];
        new DataInputStream(socket.getInputStream()).readFully(token);
        CompletableFuture<Socket> waiting = awaited.remove(HexFormat.of().formatHex(token));
        if (waiting == null) {
          socket.close();
          continue;
        }
        socket.setSoTimeout(0);
        waiting.complete(socket);
      } catch (IOException stranger) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Already gone.
        }
      }
    }
  }

  @Override
  public WorkerTransport createWorkerTransport() {
    return (byte[] parameters,
        InputStream stdin,
        OutputStream stdout,
        TransportSettings settings) -> {
      ByteBuffer buffer = ByteBuffer.wrap(parameters);
      int port = buffer.getInt();
      byte[] token = new byte[TOKEN_BYTES];
      buffer.get(token);
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      socket.setTcpNoDelay(true);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.write(token);
      out.flush();
      return new SocketFrameChannel(socket, settings.maxFrameSize());
    };
  }
}
