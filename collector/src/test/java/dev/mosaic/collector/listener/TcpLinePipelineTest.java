package dev.mosaic.collector.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.statsd.StatsdLineParser;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import dev.mosaic.collector.testing.MutableClock;
import dev.mosaic.contract.MetricSample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TCP listener's pipeline, in memory: limiter, counter, idle closer, framing, StatsD parsing.
 */
class TcpLinePipelineTest {
  private static final long NOW = 1_700_000_000_500L;

  private final MutableClock clock = new MutableClock(NOW);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ListenerMeters meters = ListenerMeters.register(registry, "statsd_tcp");
  private final List<MetricSample> received = new ArrayList<>();
  private final StatsdPacketSplitter splitter = new StatsdPacketSplitter(new StatsdLineParser());
  private final ConnectionLimiter limiter = new ConnectionLimiter(2, meters);
  private final TcpLineHandler handler =
      new TcpLineHandler(
          (text, at, sink) -> splitter.split(text, at, false, sink),
          clock,
          new ListenerSink(
              "StatsD/TCP",
              meters,
              new SeriesLimit(1000),
              received::add,
              new LogThrottle(clock, Duration.ofSeconds(10))),
          new LogThrottle(clock, Duration.ofSeconds(10)));

  private EmbeddedChannel connection(int maxLineBytes) {
    return new EmbeddedChannel(
        limiter,
        new ReadCounter(meters),
        new IdleConnectionCloser(meters),
        new LineFrameDecoder(maxLineBytes),
        handler);
  }

  private static void write(EmbeddedChannel channel, String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  private double counter(String name) {
    return registry.get("mosaic.collector.statsd_tcp." + name).counter().count();
  }

  private double badLines(String reason) {
    return registry
        .get("mosaic.collector.statsd_tcp.bad_lines")
        .tag("reason", reason)
        .counter()
        .count();
  }

  @Test
  void linesSplitAcrossReadsArriveWhole() {
    EmbeddedChannel channel = connection(1024);
    write(channel, "api.hits:1|c\napi.lat");
    clock.advance(Duration.ofMillis(7));
    write(channel, "ency:12|ms\r\napi.depth:");
    write(channel, "4|g\n");

    assertThat(received)
        .containsExactly(
            MetricSample.counter("api.hits", 1, 1.0, NOW),
            MetricSample.timer("api.latency", 12, 1.0, NOW + 7),
            MetricSample.gauge("api.depth", 4, NOW + 7));
    assertThat(counter("packets")).isEqualTo(3);
    assertThat(counter("bytes")).isEqualTo(46);
    assertThat(counter("lines")).isEqualTo(3);
  }

  @Test
  void unterminatedLastLineIsParsedWhenTheClientCloses() {
    EmbeddedChannel channel = connection(1024);
    write(channel, "a:1|c\nb:2|c");
    assertThat(received).hasSize(1);
    channel.finish();
    assertThat(received)
        .containsExactly(
            MetricSample.counter("a", 1, 1.0, NOW), MetricSample.counter("b", 2, 1.0, NOW));
  }

  @Test
  void tooLongLineIsCountedOnceAndTheNextLineStillArrives() {
    EmbeddedChannel channel = connection(16);
    write(channel, "a:1|c\nway.too.long.name");
    write(channel, ".still.going:1|c\nb:2|c\n");
    write(channel, "x".repeat(40) + "\nc:3|c\n");

    channel.checkException();
    assertThat(channel.isOpen()).isTrue();
    assertThat(received).extracting(MetricSample::name).containsExactly("a", "b", "c");
    assertThat(badLines("too_long")).isEqualTo(2);
    assertThat(counter("lines")).isEqualTo(5);
  }

  @Test
  void emptyLinesAreSkippedWithoutACount() {
    EmbeddedChannel channel = connection(1024);
    write(channel, "\n\r\n\na:1|c\n");
    assertThat(received).containsExactly(MetricSample.counter("a", 1, 1.0, NOW));
    assertThat(counter("lines")).isEqualTo(1);
    assertThat(badLines("missing_value")).isZero();
  }

  @Test
  void connectionBeyondTheLimitIsClosedAndCounted() {
    EmbeddedChannel first = connection(1024);
    EmbeddedChannel second = connection(1024);
    EmbeddedChannel third = connection(1024);

    assertThat(first.isOpen()).isTrue();
    assertThat(second.isOpen()).isTrue();
    assertThat(third.isOpen()).isFalse();
    assertThat(counter("rejected_connections")).isEqualTo(1);

    first.close();
    EmbeddedChannel fourth = connection(1024);
    assertThat(fourth.isOpen()).isTrue();
    assertThat(limiter.openConnections()).isEqualTo(2);
  }

  @Test
  void idleConnectionIsClosed() {
    EmbeddedChannel channel = connection(1024);
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
    assertThat(channel.isOpen()).isFalse();
    assertThat(counter("idle_closed")).isEqualTo(1);
  }

  @Test
  void failureDownstreamIsCountedAndTheConnectionKeepsGoing() {
    List<MetricSample> accepted = new ArrayList<>();
    TcpLineHandler failing =
        new TcpLineHandler(
            (text, at, sink) -> splitter.split(text, at, false, sink),
            clock,
            new ListenerSink(
                "StatsD/TCP",
                meters,
                new SeriesLimit(1000),
                sample -> {
                  if (sample.name().equals("boom")) {
                    throw new IllegalStateException("downstream failure");
                  }
                  accepted.add(sample);
                },
                new LogThrottle(clock, Duration.ofSeconds(10))),
            new LogThrottle(clock, Duration.ofSeconds(10)));
    EmbeddedChannel channel = new EmbeddedChannel(new LineFrameDecoder(1024), failing);
    write(channel, "boom:1|c\nfine:1|c\n");

    channel.checkException();
    assertThat(channel.isOpen()).isTrue();
    assertThat(counter("errors")).isEqualTo(1);
    assertThat(accepted).containsExactly(MetricSample.counter("fine", 1, 1.0, NOW));
  }
}
