package dev.mosaic.collector.listener;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.statsd.StatsdDatagramParser;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each StatsD datagram into samples, stamped with the time it was read.
 *
 * <pre>
 * DatagramPacket → StatsdDatagramHandler → StatsdDatagramParser → ReceiveThreadSink → batcher
 * </pre>
 *
 * <p>The datagram is read as UTF-8 with replacement characters for invalid bytes, as Node.js (and
 * so Etsy StatsD) does, but parsed from its bytes: see {@link StatsdDatagramParser}. One handler
 * per socket, so its parser's name table and its sink's tallies belong to one event-loop thread,
 * and it handles one datagram at a time.
 */
final class StatsdDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final Logger log = LoggerFactory.getLogger(StatsdDatagramHandler.class);

  private final StatsdDatagramParser parser;
  private final int receiveBufferBytes;
  private final Clock clock;
  private final ReceiveThreadSink sink;
  private final ListenerMeters meters;
  private final LogThrottle errorLog;
  private byte[] copy = new byte[0];

  /**
   * @param receiveBufferBytes the size of each read buffer: a datagram that fills it may have been
   *     cut by the kernel
   * @param maxNames the most names this thread's name table remembers
   * @param splitter gives the line parser (its tag mode, and text parsing of rare lines)
   */
  StatsdDatagramHandler(
      StatsdPacketSplitter splitter,
      int receiveBufferBytes,
      Clock clock,
      ListenerSink sink,
      int maxNames,
      LogThrottle errorLog) {
    this.parser = new StatsdDatagramParser(splitter.parser(), maxNames);
    this.receiveBufferBytes = receiveBufferBytes;
    this.clock = clock;
    this.sink = new ReceiveThreadSink(sink);
    this.meters = sink.meters();
    this.errorLog = errorLog;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    long receivedAt = clock.millis();
    ByteBuf content = packet.content();
    int size = content.readableBytes();
    meters.packet(size, true);
    byte[] bytes;
    int offset;
    if (content.hasArray()) {
      bytes = content.array();
      offset = content.arrayOffset() + content.readerIndex();
    } else { // a direct buffer (epoll's): one copy into a buffer kept for the next datagram
      bytes = copyBuffer(size);
      content.getBytes(content.readerIndex(), bytes, 0, size);
      offset = 0;
    }
    int lines;
    try {
      lines = parser.parse(bytes, offset, size, receivedAt, size >= receiveBufferBytes, sink);
    } finally {
      sink.flush(); // also when the consumer threw: what it took is counted
    }
    meters.lines(lines);
  }

  private byte[] copyBuffer(int size) {
    if (copy.length < size) {
      copy = new byte[size];
    }
    return copy;
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
