package org.multiprocessing4j.transport.socket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds sending threads back while the channel has more unsent bytes than its high water mark, so
 * that a peer that reads slowly slows its senders down instead of filling this JVM's memory.
 */
final class WritabilityGate extends ChannelInboundHandlerAdapter {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /**
   * Returns once {@code channel} is writable.
   *
   * @throws ClosedChannelException if the channel closes first
   * @throws InterruptedIOException if the calling thread is interrupted while waiting
   */
  void awaitWritable(Channel channel) throws ClosedChannelException, InterruptedIOException {
    if (channel.isWritable()) {
      return;
    }
    lock.lock();
    try {
      // The event loop signals under the same lock, so a change between this check and await()
      // cannot be missed.
      while (!channel.isWritable()) {
        if (!channel.isActive()) {
          throw new ClosedChannelException();
        }
        changed.await();
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting for the peer to read");
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    signal();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    signal();
    ctx.fireChannelInactive();
  }

  private void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
