package dev.mosaic.collector.listener;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.statsd.BadLineReason;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import dev.mosaic.collector.statsd.StatsdSink;
import dev.mosaic.contract.MetricSample;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each StatsD datagram into samples, stamped with the time it was read.
 *
 * <pre>
 * DatagramPacket → StatsdDatagramHandler → StatsdPacketSplitter → samples consumer (batcher)
 * </pre>
 *
 * <p>The datagram is decoded as UTF-8 with replacement characters for invalid bytes, as Node.js
 * (and so Etsy StatsD) does. Runs on the channel's event loop, one datagram at a time.
 */
final class StatsdDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket>
    implements StatsdSink {
  private static final Logger log = LoggerFactory.getLogger(StatsdDatagramHandler.class);

  private final StatsdPacketSplitter splitter;
  private final int receiveBufferBytes;
  private final Clock clock;
  private final StatsdListenerMeters meters;
  private final Consumer<MetricSample> samples;
  private final LogThrottle badLineLog;
  private final LogThrottle errorLog;

  /**
   * @param receiveBufferBytes the size of each read buffer: a datagram that fills it may have been
   *     cut by the kernel
   * @param samples takes every valid sample; called on the event loop
   */
  StatsdDatagramHandler(
      StatsdPacketSplitter splitter,
      int receiveBufferBytes,
      Clock clock,
      StatsdListenerMeters meters,
      Consumer<MetricSample> samples,
      LogThrottle badLineLog,
      LogThrottle errorLog) {
    this.splitter = splitter;
    this.receiveBufferBytes = receiveBufferBytes;
    this.clock = clock;
    this.meters = meters;
    this.samples = samples;
    this.badLineLog = badLineLog;
    this.errorLog = errorLog;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    long receivedAt = clock.millis();
    ByteBuf content = packet.content();
    int size = content.readableBytes();
    meters.packets.increment();
    meters.bytes.increment(size);
    String text = content.toString(StandardCharsets.UTF_8);
    int lines = splitter.split(text, receivedAt, size >= receiveBufferBytes, this);
    meters.lines.increment(lines);
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

  @Override
  public void sample(MetricSample sample) {
    meters.samples.increment();
    samples.accept(sample);
  }

  @Override
  public void badLine(BadLineReason reason, CharSequence line) {
    meters.badLines(reason).increment();
    if (badLineLog.shouldLog()) {
      log.warn(
          "bad StatsD line ({}): '{}' ({} more bad lines not logged)",
          reason.tag(),
          abbreviate(line),
          badLineLog.suppressedSinceLastLog());
    }
  }

  @Override
  public void tagsIgnored() {
    meters.ignoredTags.increment();
  }

  /** At most 200 characters, control characters shown as {@code ?} so a line cannot forge logs. */
  private static String abbreviate(CharSequence line) {
    int length = Math.min(line.length(), 200);
    StringBuilder out = new StringBuilder(length + 3);
    for (int i = 0; i < length; i++) {
      char c = line.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return length < line.length() ? out.append("...").toString() : out.toString();
  }
}
