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
import io.netty.channel.epoll.SegmentedDatagramPacket;
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
 *
 * <p>{@link #gso} makes the {@code --sender=gso} variant: each write is a {@link
 * SegmentedDatagramPacket} of up to {@value #MAX_SEGMENTS} consecutive datagrams of the pool, all
 * of one length ({@link PacketPool#paddedToEqualLength()}), which Linux UDP generic segmentation
 * offload ({@code UDP_SEGMENT}) sends as one packet through the IP layer and splits into separate
 * datagrams again before they reach the receiving socket. Pacing, sockets and counting are the
 * same; a write of {@code n} datagrams counts {@code n} sent or {@code n} failed.
 */
final class EpollBatchSender implements LoadSender {
  static final int SOCKETS_PER_THREAD = 4;
  private static final long TICK_NANOS = 1_000_000;

  /** The kernel's limit of segments per GSO send ({@code UDP_MAX_SEGMENTS}). */
  static final int MAX_SEGMENTS = 64;

  /** A GSO send's payload stays below IPv4's 65,507-byte UDP limit with room to spare. */
  private static final int MAX_GSO_BYTES = 60_000;

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
  private final String name;
  private final int maxSegments;
  private final EventLoopGroup group;
  private volatile long lastStepWrites;

  /** Why epoll cannot be used here, or null when it can (Linux with Netty's native library). */
  static Throwable unavailabilityCause() {
    return Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
  }

  /** Why GSO cannot be used here, or null when it can (Linux 4.18 or later, with epoll). */
  static String gsoUnavailabilityCause() {
    Throwable epollMissing = unavailabilityCause();
    if (epollMissing != null) {
      return "epoll is unavailable: " + epollMissing;
    }
    return EpollDatagramChannel.isSegmentedDatagramPacketSupported()
        ? null
        : "the kernel does not support UDP_SEGMENT (Linux 4.18 or later needed)";
  }

  /**
   * The {@code --sender=epoll} sender: one datagram per write.
   *
   * @throws IllegalStateException when epoll is unavailable; check {@link #unavailabilityCause}
   */
  EpollBatchSender(PacketPool pool, InetSocketAddress target, int threads) {
    this(pool, target, threads, "epoll", 1);
  }

  /**
   * The {@code --sender=gso} sender: {@code pool}'s datagrams padded to one length, up to {@value
   * #MAX_SEGMENTS} per write.
   *
   * @throws IllegalStateException when GSO is unavailable; check {@link #gsoUnavailabilityCause}
   */
  static EpollBatchSender gso(PacketPool pool, InetSocketAddress target, int threads) {
    String cause = gsoUnavailabilityCause();
    if (cause != null) {
      throw new IllegalStateException("--sender=gso is unavailable: " + cause);
    }
    PacketPool padded = pool.paddedToEqualLength();
    int segments = Math.min(MAX_SEGMENTS, Math.max(1, MAX_GSO_BYTES / padded.maxPacketLength()));
    return new EpollBatchSender(padded, target, threads, "gso", segments);
  }

  private EpollBatchSender(
      PacketPool pool, InetSocketAddress target, int threads, String name, int maxSegments) {
    Epoll.ensureAvailability();
    this.pool = pool;
    this.target = target;
    this.threads = threads;
    this.name = name;
    this.maxSegments = maxSegments;
    this.group =
        new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory("load-" + name, true), EpollIoHandler.newFactory());
  }

  @Override
  public String name() {
    return name;
  }

  /** The datagrams this sender writes: for {@code gso} padded to one length. */
  PacketPool pool() {
    return pool;
  }

  /** Writes (GSO sends of one or more datagrams, or single datagrams) queued in the last step. */
  long writesInLastStep() {
    return lastStepWrites;
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
      long writes = 0;
      for (Part part : parts) {
        total = total.plus(part.result.get(Math.round(seconds) + 30, TimeUnit.SECONDS));
        writes += part.writes; // the completed result publishes it
      }
      lastStepWrites = writes;
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
    private final long[] counterLinesBefore;
    private long start;
    private long end;
    private long periodNanos;
    private final CompletableFuture<Offered> result = new CompletableFuture<>();
    private final ChannelFutureListener counter = this::count;
    private ScheduledFuture<?> ticks;
    private int index;
    private long queued;
    private long writes;
    private long sent;
    private long counterLines;
    private long failed;
    private double seconds;

    /** Builds the packets and connects the sockets; {@code first} is the first packet sent. */
    Part(EventLoop loop, int first) throws InterruptedException {
      this.loop = loop;
      this.index = first;
      offsets = new int[pool.size() + 1];
      counterLinesBefore = new long[pool.size() + 1];
      for (int i = 0; i < pool.size(); i++) {
        offsets[i + 1] = offsets[i] + pool.packet(i).length;
        counterLinesBefore[i + 1] = counterLinesBefore[i] + pool.counterLines(i);
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
            Channel channel = channels[(int) (writes % channels.length)];
            if (!channel.isWritable()) {
              channel.flush();
              if (!channel.isWritable()) {
                break; // the kernel takes no more now; the next tick catches up
              }
            }
            // a GSO write's datagrams are consecutive in the buffer: it ends at the pool's end
            int count =
                (int) Math.min(Math.min(maxSegments, chunkEnd - queued), pool.size() - index);
            write(channel, index, count);
            writes++;
            queued += count;
            index += count;
            if (index == pool.size()) {
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

    /** Queues packets {@code first .. first + count - 1}: one datagram, or one GSO send. */
    private void write(Channel channel, int first, int count) {
      ByteBuf content =
          packets.retainedSlice(offsets[first], offsets[first + count] - offsets[first]);
      CountedWrite promise = new CountedWrite(channel, first, count);
      if (count == 1) {
        channel.write(content, promise);
      } else {
        // all of the pool's packets have one length, so each segment is one of them
        int segmentSize = offsets[first + 1] - offsets[first];
        channel.write(new SegmentedDatagramPacket(content, segmentSize, target), promise);
      }
    }

    private void count(ChannelFuture future) {
      CountedWrite write = (CountedWrite) future;
      if (write.isSuccess()) {
        sent += write.count;
        counterLines +=
            counterLinesBefore[write.first + write.count] - counterLinesBefore[write.first];
      } else {
        failed += write.count;
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

    /** A write's promise that knows which packets it carries, so one listener counts them all. */
    private final class CountedWrite extends DefaultChannelPromise {
      final int first;
      final int count;

      CountedWrite(Channel channel, int first, int count) {
        super(channel, loop);
        this.first = first;
        this.count = count;
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
