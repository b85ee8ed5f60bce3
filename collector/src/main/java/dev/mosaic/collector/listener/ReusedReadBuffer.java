package dev.mosaic.collector.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;

/**
 * A read buffer of fixed size that one UDP channel reuses for every read, instead of taking a new
 * one from Netty's allocator each time.
 *
 * <pre>
 * epoll read → ReusedReadBuffer.allocate → recvmmsg fills its slots → slices → handlers release
 * </pre>
 *
 * <p>Why: the StatsD read buffer is {@code max-packet-size} × the datagrams per {@code recvmmsg}, 1
 * MiB by default. Netty 4.2's default (adaptive) allocator pools buffers of at most 1 MiB, and only
 * 256 KiB when the JVM's heap is 1 GiB or less; a larger buffer is a new direct allocation on every
 * read, which measured about 70 µs against some 1–3 µs pooled (see docs/performance.md). Reusing
 * one buffer costs nothing per read whatever the heap, the size or the allocator.
 *
 * <p>How: the buffer is kept with one reference of its own. When a read asks for a buffer, and the
 * previous read's datagrams were all released (the handlers release each before the next read: only
 * this reference is left), the same buffer is handed out again, cleared and retained once more. If
 * anything still holds a slice of it, this reference is dropped and a fresh buffer taken, so a held
 * datagram is never overwritten.
 *
 * <p>Thread safety: one instance per channel, used by that channel's event-loop thread; {@link
 * #release} once that channel is closed and its event loop stopped.
 */
final class ReusedReadBuffer extends DefaultMaxMessagesRecvByteBufAllocator {
  private final int bufferBytes;
  private ByteBuf buffer;

  /**
   * @param bufferBytes the size of every read buffer
   */
  ReusedReadBuffer(int bufferBytes) {
    super(1); // one recvmmsg per read, as with Netty's FixedRecvByteBufAllocator
    if (bufferBytes < 1) {
      throw new IllegalArgumentException("bufferBytes must be at least 1: " + bufferBytes);
    }
    this.bufferBytes = bufferBytes;
  }

  @Override
  public Handle newHandle() {
    return new MaxMessageHandle() {
      @Override
      public ByteBuf allocate(ByteBufAllocator alloc) {
        return take(alloc);
      }

      @Override
      public int guess() {
        return bufferBytes;
      }
    };
  }

  /** The kept buffer, cleared, with a reference for the caller; a new one if it is still held. */
  ByteBuf take(ByteBufAllocator alloc) {
    if (buffer != null && buffer.refCnt() != 1) {
      buffer.release(); // a slice is still held: let its holder free the buffer
      buffer = null;
    }
    if (buffer == null) {
      buffer = alloc.ioBuffer(bufferBytes, bufferBytes);
    }
    return buffer.clear().retain();
  }

  /** Drops the kept buffer; call after the channel is closed. Repeatable. */
  void release() {
    if (buffer != null) {
      buffer.release();
      buffer = null;
    }
  }
}
