package org.multiprocessing4j.transport.socket;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Future;
import java.net.ProtocolException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.multiprocessing4j.spi.TransportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Handshake} on a new connection, and lets no application frame through until both
 * ends have proved they hold the worker's key and have said OK to each other (lock-step, like
 * Python's {@code #WELCOME#}). Then it hands the connection over to the application's handlers.
 *
 * <p>Each end sends HELLO at once, PROOF once it has the peer's HELLO, and OK once the peer's PROOF
 * checks out; it is done when the peer's OK arrives. A wrong proof gets a FAILURE, which says
 * nothing about why. Any other surprise, an oversized frame or the handshake timeout closes the
 * connection; the parent logs each refusal with the peer's address and keeps listening.
 */
final class AuthHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(AuthHandler.class);

  private enum Awaiting {
    HELLO,
    PROOF,
    OK,
    NOTHING
  }

  private final byte role;
  private final byte peerRole;
  private final Function<String, Admission> admissions;
  private final Admission own;
  private final TransportSettings settings;
  private final SecureRandom random;
  private final byte[] nonce = new byte[Handshake.NONCE_LENGTH];

  private Awaiting awaiting = Awaiting.HELLO;
  private Future<?> deadline;
  private byte[] peerNonce;
  private String workerName;
  private Admission admission;
  private byte[] key;
  private boolean admitted;

  private AuthHandler(
      byte role,
      Function<String, Admission> admissions,
      Admission own,
      TransportSettings settings,
      SecureRandom random) {
    this.role = role;
    this.peerRole = role == Handshake.PARENT ? Handshake.WORKER : Handshake.PARENT;
    this.admissions = admissions;
    this.own = own;
    this.settings = settings;
    this.random = random;
    // A worker waits for its own connection only, so every failure here is its own.
    this.admitted = own != null;
    this.admission = own;
  }

  /**
   * The parent's end: the worker names itself in its HELLO and must hold that worker's key.
   *
   * @param admissions returns the named worker's admission, or {@code null} if none is expected
   */
  static AuthHandler parent(
      Function<String, Admission> admissions, TransportSettings settings, SecureRandom random) {
    return new AuthHandler(Handshake.PARENT, admissions, null, settings, random);
  }

  /** A worker's end: it knows its own name and key, and the outcome goes to its admission. */
  static AuthHandler worker(Admission own, TransportSettings settings, SecureRandom random) {
    return new AuthHandler(Handshake.WORKER, null, own, settings, random);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    long timeout = settings.handshakeTimeout().toNanos();
    deadline =
        ctx.executor()
            .schedule(
                () ->
                    fail(
                        ctx,
                        new ProtocolException(
                            "The handshake did not finish within " + settings.handshakeTimeout())),
                timeout,
                TimeUnit.NANOSECONDS);
    random.nextBytes(nonce);
    send(ctx, Handshake.hello(role, nonce, own == null ? null : own.workerName()));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    byte[] message = (byte[]) msg;
    try {
      switch (awaiting) {
        case HELLO:
          onHello(ctx, message);
          break;
        case PROOF:
          onProof(ctx, message);
          break;
        case OK:
          onOk(ctx, message);
          break;
        default:
          // Refused or failed: the connection is closing; what the peer still says is moot.
          break;
      }
    } catch (ProtocolException wrong) {
      fail(ctx, wrong);
    }
  }

  private void onHello(ChannelHandlerContext ctx, byte[] message) throws ProtocolException {
    Handshake.Hello hello = Handshake.parseHello(message, peerRole);
    peerNonce = hello.nonce();
    workerName = own == null ? hello.workerName() : own.workerName();
    admission = own == null ? admissions.apply(workerName) : own;
    if (admission != null) {
      key = admission.key();
    } else {
      // Prove with a key nobody has, so a stranger learns nothing that a wrong key would not tell.
      key = new byte[Handshake.KEY_LENGTH];
      random.nextBytes(key);
    }
    send(ctx, Handshake.proof(mac(role)));
    awaiting = Awaiting.PROOF;
  }

  private void onProof(ChannelHandlerContext ctx, byte[] message) throws ProtocolException {
    byte[] proof = Handshake.parseProof(message);
    if (!Handshake.sameMac(mac(peerRole), proof)) {
      refuse(ctx, "wrong key for worker " + workerName);
    } else if (admission == null) {
      refuse(ctx, "no worker named " + workerName + " is expected");
    } else if (!admitted && !admission.take()) {
      refuse(ctx, "worker " + workerName + " has already connected or is no longer awaited");
    } else {
      admitted = true;
      send(ctx, Handshake.ok());
      awaiting = Awaiting.OK;
    }
  }

  private void onOk(ChannelHandlerContext ctx, byte[] message) throws ProtocolException {
    Handshake.parseOk(message);
    awaiting = Awaiting.NOTHING;
    deadline.cancel(false);
    admission.connected(FramePipeline.switchToFrames(ctx, workerName, settings));
  }

  private byte[] mac(byte proverRole) {
    byte[] parentNonce = role == Handshake.PARENT ? nonce : peerNonce;
    byte[] workerNonce = role == Handshake.PARENT ? peerNonce : nonce;
    return Handshake.mac(key, proverRole, parentNonce, workerNonce, workerName);
  }

  private void refuse(ChannelHandlerContext ctx, String reason) {
    if (stop(ctx, new ProtocolException("Refused the peer's credentials: " + reason))) {
      send(ctx, Handshake.failure()).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void fail(ChannelHandlerContext ctx, Throwable cause) {
    if (stop(ctx, cause)) {
      ctx.close();
    }
  }

  /** Ends the handshake unsuccessfully, once; returns whether this call ended it. */
  private boolean stop(ChannelHandlerContext ctx, Throwable cause) {
    if (awaiting == Awaiting.NOTHING) {
      return false;
    }
    awaiting = Awaiting.NOTHING;
    if (deadline != null) {
      deadline.cancel(false);
    }
    ctx.channel().config().setAutoRead(false);
    if (role == Handshake.PARENT) {
      log.warn(
          "Pool {} rejected connection {}: {}",
          settings.poolName(),
          ctx.channel(),
          cause.toString());
    }
    if (admitted) {
      admission.channel().completeExceptionally(cause);
    }
    return true;
  }

  private ChannelFuture send(ChannelHandlerContext ctx, byte[] message) {
    return ctx.writeAndFlush(Unpooled.wrappedBuffer(message));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(ctx, cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    fail(ctx, new ProtocolException("The peer closed the connection during the handshake"));
  }
}
