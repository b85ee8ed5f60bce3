package dev.mosaic.collector.listener;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.statsd.StatsdLineParser;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import dev.mosaic.contract.MetricSample;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for StatsD datagrams on one UDP socket, read by one event-loop thread.
 *
 * <pre>
 * UDP :8125 → StatsdUdpListener → StatsdDatagramHandler → samples consumer (batcher)
 * </pre>
 *
 * <p>Uses native epoll where Netty can load it, NIO elsewhere. Every read buffer is {@code
 * maxPacketBytes} long, so no datagram up to that size is cut.
 */
public final class StatsdUdpListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatsdUdpListener.class);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private final InetSocketAddress address;
  private final int receiveBufferBytes;
  private final int maxPacketBytes;
  private final StatsdDatagramHandler handler;
  private EventLoopGroup group;
  private Channel channel;

  /**
   * @param address where to bind; port 0 lets the operating system choose
   * @param receiveBufferBytes requested SO_RCVBUF
   * @param maxPacketBytes size of each read buffer
   * @param parser parses each line of a datagram
   * @param series the collector-wide cap on distinct names
   * @param samples takes each valid sample, on the event-loop thread; must not block
   */
  public StatsdUdpListener(
      InetSocketAddress address,
      int receiveBufferBytes,
      int maxPacketBytes,
      StatsdLineParser parser,
      Clock clock,
      ListenerMeters meters,
      SeriesLimit series,
      Consumer<MetricSample> samples) {
    this.address = address;
    this.receiveBufferBytes = receiveBufferBytes;
    this.maxPacketBytes = maxPacketBytes;
    this.handler =
        new StatsdDatagramHandler(
            new StatsdPacketSplitter(parser),
            maxPacketBytes,
            clock,
            new ListenerSink(
                "StatsD/UDP", meters, series, samples, new LogThrottle(clock, LOG_INTERVAL)),
            new LogThrottle(clock, LOG_INTERVAL));
  }

  /**
   * Binds the socket; from its return on, datagrams are read.
   *
   * @return the bound port (the chosen one when the configured port is 0)
   * @throws InterruptedException if interrupted while binding
   */
  public synchronized int start() throws InterruptedException {
    if (group != null) {
      throw new IllegalStateException("the StatsD listener was already started");
    }
    NettyTransport transport = NettyTransport.best();
    group = transport.newEventLoop("mosaic-statsd-udp");
    channel =
        new Bootstrap()
            .group(group)
            .channel(transport.datagramChannel)
            .option(ChannelOption.SO_RCVBUF, receiveBufferBytes)
            .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxPacketBytes))
            .handler(handler)
            .bind(address)
            .sync()
            .channel();
    int granted = ((DatagramChannel) channel).config().getReceiveBufferSize();
    InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
    log.info(
        "StatsD listening on udp {} ({}); receive buffer requested {} bytes, granted {}",
        bound,
        transport.label(),
        receiveBufferBytes,
        granted);
    if (granted < receiveBufferBytes) {
      // Linux reports twice what it grants, capped by net.core.rmem_max.
      log.warn(
          "the OS granted a smaller UDP receive buffer than collector.statsd.receive-buffer asks;"
              + " bursts may be dropped by the kernel (raise net.core.rmem_max)");
    }
    return bound.getPort();
  }

  /** Closes the socket and stops the event loop; no sample is delivered after it returns. */
  @Override
  public synchronized void close() {
    if (group == null) {
      return;
    }
    NettyTransport.shutdown(channel, group);
    group = null;
    channel = null;
  }
}
