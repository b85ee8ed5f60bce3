package dev.mosaic.collector.listener;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.statsd.BadLineReason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses each framed line of a TCP connection, stamped with the time it was framed.
 *
 * <pre>
 * LineFrameDecoder → TcpLineHandler → TextParser (StatsD or logfmt) → ListenerSink → batcher
 * </pre>
 *
 * <p>Lines are decoded as UTF-8 with replacement characters. A too-long line is counted as {@code
 * too_long} and the connection keeps going; an idle one is closed. Shared by all connections of a
 * listener: it keeps no per-connection state.
 */
@Sharable
final class TcpLineHandler extends SimpleChannelInboundHandler<ByteBuf> {
  private static final Logger log = LoggerFactory.getLogger(TcpLineHandler.class);

  private final TextParser parser;
  private final Clock clock;
  private final ListenerSink sink;
  private final ListenerMeters meters;
  private final LogThrottle errorLog;

  TcpLineHandler(TextParser parser, Clock clock, ListenerSink sink, LogThrottle errorLog) {
    this.parser = parser;
    this.clock = clock;
    this.sink = sink;
    this.meters = sink.meters();
    this.errorLog = errorLog;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
    String text = line.toString(StandardCharsets.UTF_8);
    meters.lines(parser.parse(text, clock.millis(), sink));
  }

  /**
   * A too-long line is bad input, counted like any bad line; a reset connection just closes;
   * anything else is counted and logged. The listener keeps serving in every case.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      meters.lines(1);
      sink.badLine(BadLineReason.TOO_LONG, "");
      return;
    }
    if (cause instanceof IOException) {
      ctx.close(); // the peer went away; nothing to count
      return;
    }
    meters.errors.increment();
    if (errorLog.shouldLog()) {
      log.warn(
          "error on a TCP connection; the listener keeps running ({} more not logged)",
          errorLog.suppressedSinceLastLog(),
          cause);
    }
  }
}
