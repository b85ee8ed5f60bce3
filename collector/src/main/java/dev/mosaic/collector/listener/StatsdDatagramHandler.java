package dev.mosaic.collector.listener;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each StatsD datagram into samples, stamped with the time it was read.
 *
 * <pre>
 * DatagramPacket → StatsdDatagramHandler → StatsdPacketSplitter → ListenerSink → batcher
 * </pre>
 *
 * <p>The datagram is decoded as UTF-8 with replacement characters for invalid bytes, as Node.js
 * (and so Etsy StatsD) does. Runs on the channel's event loop, one datagram at a time.
 */
final class StatsdDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final Logger log = LoggerFactory.getLogger(StatsdDatagramHandler.class);

  private final StatsdPacketSplitter splitter;
  private final int receiveBufferBytes;
  private final Clock clock;
  private final ListenerSink sink;
  private final ListenerMeters meters;
  private final LogThrottle errorLog;

  /**
   * @param receiveBufferBytes the size of each read buffer: a datagram that fills it may have been
   *     cut by the kernel
   */
  StatsdDatagramHandler(
      StatsdPacketSplitter splitter,
      int receiveBufferBytes,
      Clock clock,
      ListenerSink sink,
      LogThrottle errorLog) {
    this.splitter = splitter;
    this.receiveBufferBytes = receiveBufferBytes;
    this.clock = clock;
    this.sink = sink;
    this.meters = sink.meters();
    this.errorLog = errorLog;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    long receivedAt = clock.millis();
    ByteBuf content = packet.content();
    int size = content.readableBytes();
    meters.packet(size, true);
    String text = content.toString(StandardCharsets.UTF_8);
    int lines = splitter.split(text, receivedAt, size >= receiveBufferBytes, sink);
    meters.lines(lines);
  }

  /** Counts and logs; the channel stays open, so the next datagram is read as usual. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    meters.errors.increment();
    if (errorLog.shouldLog()) {
      log.warn(
          "error in the StatsD listener; it keeps running ({} more not logged)",
          errorLog.suppressedSinceLastLog(),
          cause);
    }
  }
}
