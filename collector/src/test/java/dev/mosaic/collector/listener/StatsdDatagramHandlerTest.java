package dev.mosaic.collector.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.statsd.StatsdLineParser;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import dev.mosaic.collector.testing.MutableClock;
import dev.mosaic.contract.MetricSample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StatsdDatagramHandlerTest {
  private static final long NOW = 1_700_000_000_500L;
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8125);
  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

  private final MutableClock clock = new MutableClock(NOW);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<MetricSample> received = new ArrayList<>();
  private SeriesLimit series = new SeriesLimit(1000);

  private EmbeddedChannel channel(int receiveBufferBytes, Consumer<MetricSample> samples) {
    return new EmbeddedChannel(
        new StatsdDatagramHandler(
            new StatsdPacketSplitter(new StatsdLineParser()),
            receiveBufferBytes,
            clock,
            new ListenerSink(
                "StatsD/UDP",
                ListenerMeters.register(registry, "statsd"),
                series,
                samples,
                new LogThrottle(clock, Duration.ofSeconds(10))),
            1000,
            new LogThrottle(clock, Duration.ofSeconds(10))));
  }

  private static DatagramPacket datagram(byte[] bytes) {
    return new DatagramPacket(Unpooled.wrappedBuffer(bytes), LOCAL, CLIENT);
  }

  private static DatagramPacket datagram(String text) {
    return datagram(text.getBytes(StandardCharsets.UTF_8));
  }

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  private double badLines(String reason) {
    return registry
        .get("mosaic.collector.statsd.bad_lines")
        .tag("reason", reason)
        .counter()
        .count();
  }

  @Test
  void validLinesAroundGarbageArriveStampedWithTheReceiveTime() {
    EmbeddedChannel channel = channel(65536, received::add);
    String packet = "api.hits:1|c\n\u0001\u0002garbage\napi.depth:-2|g\napi.t:5|xx\n";
    channel.writeInbound(datagram(packet));

    assertThat(received)
        .containsExactly(
            MetricSample.counter("api.hits", 1, 1.0, NOW),
            MetricSample.gaugeDelta("api.depth", -2, NOW));
    assertThat(counter("mosaic.collector.statsd.packets")).isEqualTo(1);
    assertThat(counter("mosaic.collector.statsd.bytes")).isEqualTo(packet.length());
    assertThat(counter("mosaic.collector.statsd.lines")).isEqualTo(4);
    assertThat(counter("mosaic.collector.samples.received")).isEqualTo(2);
    assertThat(badLines("missing_value")).isEqualTo(1);
    assertThat(badLines("unknown_type")).isEqualTo(1);
    assertThat(badLines("invalid_value")).isZero();
  }

  @Test
  void eachDatagramIsStampedWhenItIsRead() {
    EmbeddedChannel channel = channel(65536, received::add);
    channel.writeInbound(datagram("a:1|c"));
    clock.advance(Duration.ofMillis(1500));
    channel.writeInbound(datagram("a:2|c"));
    assertThat(received)
        .containsExactly(
            MetricSample.counter("a", 1, 1.0, NOW), MetricSample.counter("a", 2, 1.0, NOW + 1500));
  }

  @Test
  void theDatagramsOfOneReadShareItsTime() {
    EmbeddedChannel channel = channel(65536, received::add);
    channel.pipeline().fireChannelRead(datagram("a:1|c"));
    clock.advance(Duration.ofMillis(3)); // the clock is not read again within the read
    channel.pipeline().fireChannelRead(datagram("a:2|c"));
    channel.pipeline().fireChannelReadComplete();
    clock.advance(Duration.ofMillis(5));
    channel.writeInbound(datagram("a:3|c"));
    assertThat(received)
        .containsExactly(
            MetricSample.counter("a", 1, 1.0, NOW),
            MetricSample.counter("a", 2, 1.0, NOW),
            MetricSample.counter("a", 3, 1.0, NOW + 8));
  }

  @Test
  void invalidUtf8BecomesReplacementCharacters() {
    EmbeddedChannel channel = channel(65536, received::add);
    byte[] bytes = {'u', ':', 'a', (byte) 0xff, 'b', '|', 's'};
    channel.writeInbound(datagram(bytes));
    assertThat(received).containsExactly(MetricSample.set("u", "a\ufffdb", NOW));
  }

  @Test
  void datagramFillingTheReadBufferLosesItsUnterminatedLastLine() {
    String packet = "a:1|c\nb:22222|c|@0.1"; // 20 bytes: exactly the buffer, maybe cut
    EmbeddedChannel channel = channel(packet.length(), received::add);
    channel.writeInbound(datagram(packet));
    assertThat(received).containsExactly(MetricSample.counter("a", 1, 1.0, NOW));
    assertThat(badLines("truncated")).isEqualTo(1);
  }

  @Test
  void failureDownstreamIsCountedAndTheNextDatagramStillArrives() {
    List<MetricSample> accepted = new ArrayList<>();
    EmbeddedChannel channel =
        channel(
            65536,
            sample -> {
              if (sample.name().equals("boom")) {
                throw new IllegalStateException("downstream failure");
              }
              accepted.add(sample);
            });
    channel.writeInbound(datagram("boom:1|c"));
    channel.writeInbound(datagram("fine:1|c"));

    channel.checkException(); // the handler dealt with it: nothing left for the pipeline
    assertThat(channel.isOpen()).isTrue();
    assertThat(counter("mosaic.collector.statsd.errors")).isEqualTo(1);
    assertThat(accepted).containsExactly(MetricSample.counter("fine", 1, 1.0, NOW));
  }

  @Test
  void datagramBuffersAreReleased() {
    EmbeddedChannel channel = channel(65536, received::add);
    DatagramPacket packet = datagram("a:1|c");
    channel.writeInbound(packet);
    assertThat(packet.refCnt()).isZero();
  }

  @Test
  void newNamesBeyondTheSeriesLimitAreDroppedAndCountedWhileKnownOnesFlow() {
    series = new SeriesLimit(2);
    EmbeddedChannel channel = channel(65536, received::add);
    channel.writeInbound(datagram("a:1|c\nb:1|c\nc:1|c\na:2|c\nd:1|g\nb:3|c"));

    assertThat(received)
        .containsExactly(
            MetricSample.counter("a", 1, 1.0, NOW),
            MetricSample.counter("b", 1, 1.0, NOW),
            MetricSample.counter("a", 2, 1.0, NOW),
            MetricSample.counter("b", 3, 1.0, NOW));
    assertThat(counter("mosaic.collector.statsd.dropped_cardinality")).isEqualTo(2);
    assertThat(counter("mosaic.collector.samples.received")).isEqualTo(4);
  }

  @Test
  void directAndOffsetBuffersAreReadFromTheirReaderIndex() {
    EmbeddedChannel channel = channel(65536, received::add);
    byte[] text = "junk\na:1|c\nb:2|g".getBytes(StandardCharsets.UTF_8);
    ByteBuf direct = Unpooled.directBuffer().writeBytes(text).skipBytes(5); // "junk\n" was read
    channel.writeInbound(new DatagramPacket(direct, LOCAL, CLIENT));
    byte[] padded = new byte[3 + text.length + 2];
    System.arraycopy(text, 0, padded, 3, text.length);
    ByteBuf slice = Unpooled.wrappedBuffer(padded, 3, text.length).skipBytes(5); // array offset 3
    channel.writeInbound(new DatagramPacket(slice, LOCAL, CLIENT));

    assertThat(received)
        .containsExactly(
            MetricSample.counter("a", 1, 1.0, NOW),
            MetricSample.gauge("b", 2, NOW),
            MetricSample.counter("a", 1, 1.0, NOW),
            MetricSample.gauge("b", 2, NOW));
    assertThat(counter("mosaic.collector.samples.received")).isEqualTo(4);
    assertThat(counter("mosaic.collector.statsd.lines")).isEqualTo(4);
  }

  @Test
  void metersTakeEachReadsTalliesAtItsEnd() {
    EmbeddedChannel channel = channel(65536, received::add);
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.fireChannelRead(datagram("a:1|c\nb:2|g"));
    pipeline.fireChannelRead(datagram("c:3|ms\nnot a line"));
    assertThat(received).hasSize(3); // samples go on at once
    assertThat(counter("mosaic.collector.statsd.packets")).isZero();
    assertThat(counter("mosaic.collector.samples.received")).isZero();

    pipeline.fireChannelReadComplete();
    assertThat(counter("mosaic.collector.statsd.packets")).isEqualTo(2);
    assertThat(counter("mosaic.collector.statsd.bytes")).isEqualTo(11 + 17);
    assertThat(counter("mosaic.collector.statsd.lines")).isEqualTo(4);
    assertThat(counter("mosaic.collector.samples.received")).isEqualTo(3);
    assertThat(badLines("missing_value")).isEqualTo(1); // bad lines are counted as they come

    pipeline.fireChannelReadComplete(); // an empty read adds nothing
    assertThat(counter("mosaic.collector.statsd.packets")).isEqualTo(2);
  }

  @Test
  void talliesOfAReadCutShortByCloseAreNotLost() {
    series = new SeriesLimit(1);
    EmbeddedChannel channel = channel(65536, received::add);
    channel.pipeline().fireChannelRead(datagram("a:1|c\nb:1|c|#env:x"));
    channel.close();
    assertThat(counter("mosaic.collector.statsd.packets")).isEqualTo(1);
    assertThat(counter("mosaic.collector.statsd.lines")).isEqualTo(2);
    assertThat(counter("mosaic.collector.samples.received")).isEqualTo(1);
    assertThat(counter("mosaic.collector.statsd.dropped_cardinality")).isEqualTo(1);
  }

  @Test
  void etsyPacketCountMatchesTheDatagramsOfABatch() {
    SimpleMeterRegistry etsyRegistry = new SimpleMeterRegistry();
    StatsdCounters etsy = new StatsdCounters();
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new StatsdDatagramHandler(
                new StatsdPacketSplitter(new StatsdLineParser()),
                65536,
                clock,
                new ListenerSink(
                    "StatsD/UDP",
                    ListenerMeters.register(etsyRegistry, "statsd", etsy),
                    series,
                    received::add,
                    new LogThrottle(clock, Duration.ofSeconds(10))),
                1000,
                new LogThrottle(clock, Duration.ofSeconds(10))));
    channel.writeInbound(datagram("a:1|c\nb:1|c"), datagram("c:1|c"), datagram("d"));
    List<MetricSample> drained = new ArrayList<>();
    etsy.drainTo(NOW, drained::add);
    assertThat(drained)
        .containsExactly(
            MetricSample.counter(StatsdCounters.PACKETS_RECEIVED, 3, 1.0, NOW),
            MetricSample.counter(StatsdCounters.METRICS_RECEIVED, 4, 1.0, NOW),
            MetricSample.counter(StatsdCounters.BAD_LINES_SEEN, 1, 1.0, NOW));
  }
}
