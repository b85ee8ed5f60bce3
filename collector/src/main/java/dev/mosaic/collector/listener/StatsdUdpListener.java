package dev.mosaic.collector.listener;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.statsd.StatsdDatagramParser;
import dev.mosaic.collector.statsd.StatsdLineParser;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import dev.mosaic.contract.MetricSample;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for StatsD datagrams on one UDP port, through one or more sockets each read by its own
 * event-loop thread.
 *
 * <pre>
 * UDP :8125 ─┬→ socket 1 (thread 1) → StatsdDatagramHandler ─┐
 *            └→ socket n (thread n) → StatsdDatagramHandler ─┴→ samples consumer (batcher)
 * </pre>
 *
 * <p>With native epoll (Linux), {@code receiveThreads} sockets share the port through {@code
 * SO_REUSEPORT}; the kernel spreads senders over them by their address, so the datagrams of one
 * client stay on one socket, in order. Each socket has its own kernel buffer of {@code
 * receiveBufferBytes}, and each read takes up to {@value #DATAGRAMS_PER_READ} datagrams in one
 * {@code recvmmsg} call, into a read buffer the socket keeps ({@link ReusedReadBuffer}). Java NIO
 * (elsewhere) reads one socket with one thread, one datagram per call. Every datagram gets a read
 * buffer of {@code maxPacketBytes}, so none up to that size is cut.
 */
public final class StatsdUdpListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatsdUdpListener.class);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  /**
   * Datagrams one {@code recvmmsg} call may return: fewer system calls per datagram under load, for
   * a read buffer this many times {@code maxPacketBytes} (one per socket, kept for every read).
   */
  static final int DATAGRAMS_PER_READ = 16;

  private final InetSocketAddress address;
  private final int receiveBufferBytes;
  private final int maxPacketBytes;
  private final int receiveThreads;
  private final Supplier<StatsdDatagramHandler> handlers;
  private EventLoopGroup group;
  private final List<Channel> channels = new ArrayList<>();
  private final List<ReusedReadBuffer> readBuffers = new ArrayList<>();

  /** One socket, one thread; see the full constructor. */
  public StatsdUdpListener(
      InetSocketAddress address,
      int receiveBufferBytes,
      int maxPacketBytes,
      StatsdLineParser parser,
      Clock clock,
      ListenerMeters meters,
      SeriesLimit series,
      Consumer<MetricSample> samples) {
    this(address, receiveBufferBytes, maxPacketBytes, 1, parser, clock, meters, series, samples);
  }

  /**
   * @param address where to bind; port 0 lets the operating system choose
   * @param receiveBufferBytes requested SO_RCVBUF of each socket
   * @param maxPacketBytes the largest datagram read whole
   * @param receiveThreads sockets and threads with epoll, at least 1; NIO uses 1
   * @param parser parses each line of a datagram
   * @param series the collector-wide cap on distinct names
   * @param samples takes each valid sample, on an event-loop thread (several concurrently when
   *     {@code receiveThreads > 1}); must be thread-safe and must not block
   */
  public StatsdUdpListener(
      InetSocketAddress address,
      int receiveBufferBytes,
      int maxPacketBytes,
      int receiveThreads,
      StatsdLineParser parser,
      Clock clock,
      ListenerMeters meters,
      SeriesLimit series,
      Consumer<MetricSample> samples) {
    if (receiveThreads < 1) {
      throw new IllegalArgumentException("receiveThreads must be at least 1: " + receiveThreads);
    }
    this.address = address;
    this.receiveBufferBytes = receiveBufferBytes;
    this.maxPacketBytes = maxPacketBytes;
    this.receiveThreads = receiveThreads;
    StatsdPacketSplitter splitter = new StatsdPacketSplitter(parser);
    ListenerSink sink =
        new ListenerSink(
            "StatsD/UDP", meters, series, samples, new LogThrottle(clock, LOG_INTERVAL));
    LogThrottle errorLog = new LogThrottle(clock, LOG_INTERVAL);
    // Each thread remembers as many names as the collector forwards at all, so that a known name
    // is the common case even with the whole cap's worth of series in the traffic; its table
    // grows as names arrive.
    int maxNames = Math.min(series.maxSeries(), StatsdDatagramParser.MAX_NAMES_CAP);
    // a handler per socket: they share the sink, the counters and the throttles, all thread-safe
    this.handlers =
        () -> new StatsdDatagramHandler(splitter, maxPacketBytes, clock, sink, maxNames, errorLog);
  }

  /**
   * Binds the socket(s); from its return on, datagrams are read.
   *
   * @return the bound port (the chosen one when the configured port is 0)
   * @throws InterruptedException if interrupted while binding
   */
  public synchronized int start() throws InterruptedException {
    if (group != null) {
      throw new IllegalStateException("the StatsD listener was already started");
    }
    NettyTransport transport = NettyTransport.best();
    int sockets = transport == NettyTransport.EPOLL ? receiveThreads : 1;
    group = transport.newEventLoop("mosaic-statsd-udp", sockets);
    InetSocketAddress bindTo = address;
    for (int i = 0; i < sockets; i++) {
      Channel channel = bootstrap(transport, sockets > 1).bind(bindTo).sync().channel();
      channels.add(channel);
      // the others join the port the first one got (port 0 chooses only once)
      bindTo = (InetSocketAddress) channel.localAddress();
    }
    int granted = ((DatagramChannel) channels.get(0)).config().getReceiveBufferSize();
    log.info(
        "StatsD listening on udp {} ({}, {} socket(s) and thread(s)); receive buffer per socket"
            + " requested {} bytes, granted {}",
        bindTo,
        transport.label(),
        sockets,
        receiveBufferBytes,
        granted);
    if (granted < receiveBufferBytes) {
      // Linux reports twice what it grants, capped by net.core.rmem_max.
      log.warn(
          "the OS granted a smaller UDP receive buffer than collector.statsd.receive-buffer asks;"
              + " bursts may be dropped by the kernel (raise net.core.rmem_max)");
    }
    return bindTo.getPort();
  }

  private Bootstrap bootstrap(NettyTransport transport, boolean reusePort) {
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(transport.datagramChannel)
            .option(ChannelOption.SO_RCVBUF, receiveBufferBytes)
            .handler(handlers.get());
    if (transport == NettyTransport.EPOLL) {
      // recvmmsg: the read buffer is cut into slots of maxPacketBytes, one datagram each; one
      // buffer per socket, reused by every read
      ReusedReadBuffer readBuffer = new ReusedReadBuffer(maxPacketBytes * DATAGRAMS_PER_READ);
      readBuffers.add(readBuffer);
      bootstrap
          .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxPacketBytes)
          .option(ChannelOption.RECVBUF_ALLOCATOR, readBuffer);
      if (reusePort) {
        bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
      }
    } else {
      bootstrap.option(
          ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxPacketBytes));
    }
    return bootstrap;
  }

  /** Closes the sockets and stops the event loops; no sample is delivered after it returns. */
  @Override
  public synchronized void close() {
    if (group == null) {
      return;
    }
    NettyTransport.shutdown(List.copyOf(channels), group);
    readBuffers.forEach(ReusedReadBuffer::release); // the event loops have stopped
    readBuffers.clear();
    group = null;
    channels.clear();
  }
}
