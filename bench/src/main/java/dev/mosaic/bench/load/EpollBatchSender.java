package dev.mosaic.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code --sender=epoll} {@link LoadSender}: Netty's native {@link EpollDatagramChannel}, which
 * hands every datagram queued on a socket since the last flush to the kernel in one {@code
 * sendmmsg} call. Each of {@code threads} event loops wakes once a millisecond, queues the packets
 * due by then round-robin on its {@value #SOCKETS_PER_THREAD} connected sockets and flushes them:
 * at 200,000 datagrams/s from 2 threads that is 8 system calls per millisecond instead of 200. That
 * saves the per-call overhead only: on loopback the kernel's work per datagram (which also delivers
 * it to the receiving socket) stays, and is most of the cost (docs/performance.md).
 *
 * <p>The datagrams are slices of one direct buffer per thread, built once, so nothing is copied per
 * send. A datagram counts as sent only when its channel reports the write done; one whose write
 * failed or that was still queued when the step ended counts as failed.
 */
final class EpollBatchSender implements LoadSender {
  static final int SOCKETS_PER_THREAD = 4;
  private static final long TICK_NANOS = 1_000_000;

  /** Packets queued between two flushes at most, and between two looks at the clock. */
  private static final int CHUNK = 1_024;

  /**
   * How long after the step's end a late sender may still send what was due before it: long enough
   * for a thread the scheduler kept off a loaded machine's cores for a while, short enough that a
   * sender seconds behind does not hold up the next step.
   */
  private static final long OVERTIME_NANOS = 100_000_000;

  /**
   * Pending bytes per socket before it reports unwritable: a tick of a late loop may queue tens of
   * milliseconds of packets; beyond this the tick flushes early.
   */
  private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(1 << 20, 4 << 20);

  private final PacketPool pool;
  private final InetSocketAddress target;
  private final int threads;
  private final EventLoopGroup group;

  /** Why epoll cannot be used here, or null when it can (Linux with Netty's native library). */
  static Throwable unavailabilityCause() {
    return Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
  }

  /**
   * @throws IllegalStateException when epoll is unavailable; check {@link #unavailabilityCause}
   */
  EpollBatchSender(PacketPool pool, InetSocketAddress target, int threads) {
    Epoll.ensureAvailability();
    this.pool = pool;
    this.target = target;
    this.threads = threads;
    this.group =
        new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory("load-epoll", true), EpollIoHandler.newFactory());
  }

  @Override
  public String name() {
    return "epoll";
  }

  @Override
  public Offered send(double linesPerSecond, double seconds) throws InterruptedException {
    double packetsPerSecondPerThread = linesPerSecond / pool.linesPerPacket() / threads;
    long periodNanos = Math.max(1, Math.round(1e9 / packetsPerSecondPerThread));
    List<Part> parts = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        parts.add(new Part(group.next(), (int) ((long) t * pool.size() / threads)));
      }
      long start = System.nanoTime() + 5_000_000; // all threads start together
      long end = start + Math.round(seconds * 1e9);
      for (Part part : parts) {
        part.begin(start, end, periodNanos);
      }
      Offered total = Offered.NONE;
      for (Part part : parts) {
        total = total.plus(part.result.get(Math.round(seconds) + 30, TimeUnit.SECONDS));
      }
      return total;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a sender failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("a sender did not finish its step", e);
    } finally {
      parts.forEach(Part::closeChannels);
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /**
   * One thread's share: its sockets, its copy of the packets and its counts, all touched only by
   * its event loop once {@link #begin} has run.
   */
  private final class Part {
    private final EventLoop loop;
    private final Channel[] channels = new Channel[SOCKETS_PER_THREAD];
    private final ByteBuf packets;
    private final int[] offsets;
    private long start;
    private long end;
    private long periodNanos;
    private final CompletableFuture<Offered> result = new CompletableFuture<>();
    private final ChannelFutureListener counter = this::count;
    private ScheduledFuture<?> ticks;
    private int index;
    private long queued;
    private long sent;
    private long counterLines;
    private long failed;
    private double seconds;

    /** Builds the packets and connects the sockets; {@code first} is the first packet sent. */
    Part(EventLoop loop, int first) throws InterruptedException {
      this.loop = loop;
      this.index = first;
      offsets = new int[pool.size() + 1];
      for (int i = 0; i < pool.size(); i++) {
        offsets[i + 1] = offsets[i] + pool.packet(i).length;
      }
      packets = Unpooled.directBuffer(offsets[pool.size()]);
      for (int i = 0; i < pool.size(); i++) {
        packets.writeBytes(pool.packet(i));
      }
      Bootstrap bootstrap =
          new Bootstrap()
              .group(loop)
              .channel(EpollDatagramChannel.class)
              .option(ChannelOption.SO_SNDBUF, 1 << 20)
              .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
              .handler(new IgnoreInbound());
      for (int c = 0; c < channels.length; c++) {
        channels[c] = bootstrap.connect(target).sync().channel();
      }
    }

    /** Starts the ticks; the fields are published to the event loop by the scheduling. */
    void begin(long start, long end, long periodNanos) {
      this.start = start;
      this.end = end;
      this.periodNanos = periodNanos;
      long delay = Math.max(0, start - System.nanoTime());
      ticks = loop.scheduleAtFixedRate(this::tick, delay, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    /**
     * On the event loop: queue what is due by now, send it, and end the step at its end. A sender
     * that cannot keep up sends in chunks until a little after the step's end and then stops, like
     * {@link PacedSender}: packets never queued are neither sent nor failed, the achieved rate
     * shows it.
     */
    private void tick() {
      try {
        long now = System.nanoTime();
        long last = Math.min(now, end - 1);
        long due = last < start ? 0 : (last - start) / periodNanos + 1; // packets 0..due-1
        boolean firstChunk = true;
        while (queued < due && (firstChunk || System.nanoTime() < end + OVERTIME_NANOS)) {
          firstChunk = false;
          long chunkEnd = Math.min(due, queued + CHUNK);
          while (queued < chunkEnd) {
            Channel channel = channels[(int) (queued % channels.length)];
            if (!channel.isWritable()) {
              channel.flush();
              if (!channel.isWritable()) {
                break; // the kernel takes no more now; the next tick catches up
              }
            }
            int length = offsets[index + 1] - offsets[index];
            channel.write(
                packets.retainedSlice(offsets[index], length), new CountedWrite(channel, index));
            queued++;
            if (++index == pool.size()) {
              index = 0;
            }
          }
          for (Channel channel : channels) {
            channel.flush();
          }
          if (queued < chunkEnd) {
            break;
          }
        }
        if (now >= end) {
          finish(now);
        }
      } catch (RuntimeException e) {
        ticks.cancel(false);
        result.completeExceptionally(e);
      }
    }

    private void count(ChannelFuture write) {
      if (write.isSuccess()) {
        sent++;
        counterLines += pool.counterLines(((CountedWrite) write).packet);
      } else {
        failed++;
      }
    }

    /** Closing fails what is still queued, so every queued packet is counted once when it ends. */
    private void finish(long now) {
      ticks.cancel(false);
      seconds = (Math.min(now, end) - start) / 1e9;
      for (Channel channel : channels) {
        channel.close();
      }
      loop.execute(
          () ->
              result.complete(
                  new Offered(sent, sent * pool.linesPerPacket(), counterLines, failed, seconds)));
    }

    void closeChannels() {
      for (Channel channel : channels) {
        if (channel != null) {
          channel.close().awaitUninterruptibly();
        }
      }
      packets.release();
    }

    /** A write's promise that knows which packet it carries, so one listener counts them all. */
    private final class CountedWrite extends DefaultChannelPromise {
      final int packet;

      CountedWrite(Channel channel, int packet) {
        super(channel, loop);
        this.packet = packet;
        addListener(counter);
      }
    }
  }

  /** The sockets only send; an ICMP error or stray datagram must not end up logged per packet. */
  @ChannelHandler.Sharable
  private static final class IgnoreInbound extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // a failed write is counted by its promise
    }
  }
}
