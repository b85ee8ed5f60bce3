package dev.mosaic.collector.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.statsd.StatsdDatagramParser;
import dev.mosaic.collector.statsd.StatsdLineParser;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import dev.mosaic.collector.testing.MutableClock;
import dev.mosaic.contract.MetricSample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Etsy's own counters, counted over in-memory UDP and TCP pipelines sharing one instance. */
class StatsdCountersTest {
  private static final long NOW = 1_700_000_000_500L;
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8125);
  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

  private final MutableClock clock = new MutableClock(NOW);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final StatsdCounters counters = new StatsdCounters();
  private final StatsdPacketSplitter splitter = new StatsdPacketSplitter(new StatsdLineParser());

  private ListenerSink sink(ListenerMeters meters) {
    return new ListenerSink(
        "StatsD",
        meters,
        new SeriesLimit(1000),
        s -> {},
        new LogThrottle(clock, Duration.ofSeconds(10)));
  }

  private EmbeddedChannel udp() {
    return new EmbeddedChannel(
        new StatsdDatagramHandler(
            splitter,
            65536,
            clock,
            sink(ListenerMeters.register(registry, "statsd", counters)),
            StatsdDatagramParser.DEFAULT_MAX_NAMES,
            new LogThrottle(clock, Duration.ofSeconds(10))));
  }

  private EmbeddedChannel tcp() {
    ListenerMeters meters = ListenerMeters.register(registry, "statsd_tcp", counters);
    return new EmbeddedChannel(
        new ReadCounter(meters),
        new LineFrameDecoder(1024),
        new TcpLineHandler(
            (text, at, sink) -> splitter.split(text, at, false, sink),
            clock,
            sink(meters),
            new LogThrottle(clock, Duration.ofSeconds(10))));
  }

  private static DatagramPacket datagram(String text) {
    return new DatagramPacket(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), LOCAL, CLIENT);
  }

  private List<MetricSample> drain(long at) {
    List<MetricSample> out = new ArrayList<>();
    counters.drainTo(at, out::add);
    return out;
  }

  @Test
  void countsPacketsLinesAndBadValuesAsEtsyDoes() {
    EmbeddedChannel udp = udp();
    // 4 non-empty lines (the empty one is skipped, as in Etsy); "bad" lacks a value and the
    // second value of the last line is not a number: 2 bad lines seen.
    udp.writeInbound(datagram("a:1|c\nbad\n\nb:2|ms\nc:1|c:x|c"));
    udp.writeInbound(datagram("d:5|g"));

    assertThat(drain(NOW))
        .containsExactly(
            MetricSample.counter("statsd.packets_received", 2, 1.0, NOW),
            MetricSample.counter("statsd.metrics_received", 5, 1.0, NOW),
            MetricSample.counter("statsd.bad_lines_seen", 2, 1.0, NOW));
  }

  @Test
  void aTcpReadIsAPacketOnlyWhenItCompletesALine() {
    EmbeddedChannel tcp = tcp();
    tcp.writeInbound(Unpooled.copiedBuffer("a:1|c\nb:", StandardCharsets.UTF_8));
    tcp.writeInbound(Unpooled.copiedBuffer("2", StandardCharsets.UTF_8)); // no line break: none
    tcp.writeInbound(Unpooled.copiedBuffer("|c\n", StandardCharsets.UTF_8));

    assertThat(drain(NOW))
        .containsExactly(
            MetricSample.counter("statsd.packets_received", 2, 1.0, NOW),
            MetricSample.counter("statsd.metrics_received", 2, 1.0, NOW));
    assertThat(registry.get("mosaic.collector.statsd_tcp.packets").counter().count()).isEqualTo(3);
  }

  @Test
  void udpAndTcpAddUpAndEachDrainStartsFromZero() {
    udp().writeInbound(datagram("a:1|c"));
    tcp().writeInbound(Unpooled.copiedBuffer("b:1|c\n", StandardCharsets.UTF_8));
    assertThat(drain(NOW)).contains(MetricSample.counter("statsd.packets_received", 2, 1.0, NOW));

    assertThat(drain(NOW + 5)).as("nothing moved: nothing is sent").isEmpty();

    udp().writeInbound(datagram("zz"));
    assertThat(drain(NOW + 10))
        .containsExactly(
            MetricSample.counter("statsd.packets_received", 1, 1.0, NOW + 10),
            MetricSample.counter("statsd.metrics_received", 1, 1.0, NOW + 10),
            MetricSample.counter("statsd.bad_lines_seen", 1, 1.0, NOW + 10));
  }

  @Test
  void listenersThatAreNotStatsdDoNotCount() {
    ListenerMeters logs = ListenerMeters.register(registry, "logs");
    logs.packet(10, true);
    logs.lines(3);
    assertThat(drain(NOW)).isEmpty();
  }
}
