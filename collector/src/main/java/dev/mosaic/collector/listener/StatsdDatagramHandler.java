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
 * Turns each StatsD datagram into samples, stamped with the time it was read (the clock is read
 * once per read, for all of its datagrams).
 *
 * <pre>
 * DatagramPacket → StatsdDatagramHandler → StatsdDatagramParser → ReceiveThreadSink → batcher
 * </pre>
 *
 * <p>The datagram is read as UTF-8 with replacement characters for invalid bytes, as Node.js (and
 * so Etsy StatsD) does, but parsed from its bytes: see {@link StatsdDatagramParser}. One handler
 * per socket, so its parser's name table and its sink's tallies belong to one event-loop thread,
 * and it handles one datagram at a time.
 *
 * <p>Datagrams, bytes and lines are tallied in plain fields and added to the meters once per read
 * ({@link #channelReadComplete}: after each {@code recvmmsg} batch with epoll), with the sink's
 * tallies; and once more when the channel closes, so nothing counted is lost. Why: at one line per
 * datagram, the Micrometer increments per datagram cost more than parsing the line.
 */
final class StatsdDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final Logger log = LoggerFactory.getLogger(StatsdDatagramHandler.class);

  private static final long NOT_READING = Long.MIN_VALUE;

  private final StatsdDatagramParser parser;
  private final int receiveBufferBytes;
  private final Clock clock;
  private final ReceiveThreadSink sink;
  private final ListenerMeters meters;
  private final LogThrottle errorLog;
  private byte[] copy = new byte[0];
  private long readAt = NOT_READING;
  private long datagrams;
  private long bytesRead;
  private long linesRead;

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
    if (readAt == NOT_READING) {
      readAt = clock.millis(); // the datagrams of one read left the kernel together
    }
    long receivedAt = readAt;
    ByteBuf content = packet.content();
    int size = content.readableBytes();
    datagrams++;
    bytesRead += size;
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
    // when the consumer throws, what it took is still in the sink's tallies
    linesRead += parser.parse(bytes, offset, size, receivedAt, size >= receiveBufferBytes, sink);
  }

  /** The end of one read (a batch of datagrams): what was tallied goes to the meters. */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    readAt = NOT_READING;
    flushTallies();
    ctx.fireChannelReadComplete();
  }

  /** Every transport ends a read before it closes; this is for one that would not. */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    flushTallies();
    super.channelInactive(ctx);
  }

  private void flushTallies() {
    if (datagrams > 0) {
      meters.datagrams(datagrams, bytesRead);
      datagrams = 0;
      bytesRead = 0;
    }
    if (linesRead > 0) {
      meters.lines(linesRead);
      linesRead = 0;
    }
    sink.flush();
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
