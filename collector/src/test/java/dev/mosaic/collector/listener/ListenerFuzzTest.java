package dev.mosaic.collector.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.logfmt.LogfmtMetricParser;
import dev.mosaic.collector.logfmt.OctetCountedFrameSplitter;
import dev.mosaic.collector.statsd.BadLineReason;
import dev.mosaic.collector.statsd.StatsdDatagramParser;
import dev.mosaic.collector.statsd.StatsdLineParser;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import dev.mosaic.collector.statsd.StatsdSink;
import dev.mosaic.collector.testing.FuzzLines;
import dev.mosaic.collector.testing.MutableClock;
import dev.mosaic.contract.MetricSample;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A million random and mutated lines at each listener, in memory, and a smaller share over real
 * sockets: nothing crashes, every planted valid line arrives with its exact value, and every line
 * is accounted for as a sample or a counted bad line.
 */
class ListenerFuzzTest {
  private static final int LINES = 1_000_000;
  private static final long NOW = 1_700_000_000_000L;
  private static final Pattern PLANTED_LOG = Pattern.compile("count#okvalid\\.\\d+=(\\d+)");
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8125);

  private final MutableClock clock = new MutableClock(NOW);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final StatsdPacketSplitter statsd = new StatsdPacketSplitter(new StatsdLineParser());
  private final LogfmtMetricParser logfmt = new LogfmtMetricParser();
  private final Random random = new Random(42);
  private long plantedSeen;
  private double plantedSum;

  private void accept(MetricSample sample) {
    if (sample.name().startsWith(FuzzLines.VALID_PREFIX)) {
      plantedSeen++;
      plantedSum += sample.value();
    }
  }

  private ListenerSink sink(String listener) {
    return new ListenerSink(
        listener,
        ListenerMeters.register(registry, listener),
        new SeriesLimit(1_000_000),
        this::accept,
        new LogThrottle(clock, Duration.ofSeconds(10)));
  }

  private double count(String listener, String what) {
    return registry.get("mosaic.collector." + listener + "." + what).counter().count();
  }

  /** Samples received by every listener plus bad lines and cardinality drops of this one. */
  private double events(String listener) {
    double bad =
        registry.get("mosaic.collector." + listener + ".bad_lines").counters().stream()
            .mapToDouble(Counter::count)
            .sum();
    return registry.get("mosaic.collector.samples.received").counter().count()
        + bad
        + count(listener, "dropped_cardinality");
  }

  private static double plantedStatsdValue(String line) {
    if (!line.startsWith(FuzzLines.VALID_PREFIX)) {
      return -1;
    }
    return Double.parseDouble(line.substring(line.indexOf(':') + 1, line.indexOf('|')));
  }

  private static double plantedLogValue(String line) {
    Matcher matcher = PLANTED_LOG.matcher(line);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
  }

  /** Counts every event of one parse call. */
  private static final class EventCounter implements StatsdSink {
    int events;

    @Override
    public void sample(MetricSample sample) {
      events++;
    }

    @Override
    public void badLine(BadLineReason reason, CharSequence line) {
      events++;
    }

    @Override
    public void tagsIgnored() {}
  }

  @Test
  void statsdParserReportsEveryLineAsSamplesOrBadLines() {
    FuzzLines lines = new FuzzLines(1);
    StatsdLineParser parser = new StatsdLineParser();
    for (int i = 0; i < LINES; i++) {
      String line = lines.statsdLine();
      EventCounter counter = new EventCounter();
      parser.parse(line, NOW, counter);
      assertThat(counter.events).as(line).isPositive();
    }
  }

  @Test
  void logfmtParserReportsEveryMetricTokenAsASampleOrABadLine() {
    FuzzLines lines = new FuzzLines(2);
    for (int i = 0; i < LINES; i++) {
      String line = lines.logLine();
      EventCounter counter = new EventCounter();
      assertThat(logfmt.parse(line, NOW, counter)).isEqualTo(1);
      if (line.contains("#mut") || plantedLogValue(line) >= 0) {
        assertThat(counter.events).as(line).isPositive();
      }
    }
  }

  @Test
  void udpListenerSurvivesAMillionLines() {
    FuzzLines lines = new FuzzLines(3);
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new StatsdDatagramHandler(
                statsd,
                65536,
                clock,
                sink("statsd"),
                StatsdDatagramParser.DEFAULT_MAX_NAMES,
                new LogThrottle(clock, Duration.ofDays(1))));
    double expectedSum = 0;
    long expectedPlanted = 0;
    for (int sent = 0; sent < LINES; ) {
      StringBuilder datagram = new StringBuilder();
      int n = 1 + random.nextInt(40);
      for (int i = 0; i < n && sent < LINES; i++, sent++) {
        String line = lines.statsdLine();
        double planted = plantedStatsdValue(line);
        if (planted >= 0) {
          expectedPlanted++;
          expectedSum += planted;
        }
        datagram.append(line).append('\n');
      }
      channel.writeInbound(
          new DatagramPacket(
              Unpooled.copiedBuffer(datagram, StandardCharsets.UTF_8), LOCAL, LOCAL));
    }
    channel.checkException();
    assertThat(channel.isOpen()).isTrue();
    assertThat(count("statsd", "errors")).isZero();
    assertThat(count("statsd", "lines")).isEqualTo(LINES);
    assertThat(events("statsd")).isGreaterThanOrEqualTo(LINES);
    assertThat(plantedSeen).isEqualTo(expectedPlanted).isGreaterThan(200_000);
    assertThat(plantedSum).isEqualTo(expectedSum);
  }

  @Test
  void statsdTcpListenerSurvivesAMillionLinesInRandomChunks() {
    FuzzLines lines = new FuzzLines(4);
    runTcp("statsd_tcp", lines::statsdLine, ListenerFuzzTest::plantedStatsdValue, statsdParser());
  }

  @Test
  void logsTcpListenerSurvivesAMillionLinesInRandomChunks() {
    FuzzLines lines = new FuzzLines(5);
    runTcp("logs", lines::logLine, ListenerFuzzTest::plantedLogValue, logfmt::parse);
  }

  private TextParser statsdParser() {
    return (text, at, sink) -> statsd.split(text, at, false, sink);
  }

  /** Every 1000th line is over the 1 KiB line limit and must be counted as too_long. */
  private void runTcp(
      String listener,
      Supplier<String> next,
      ToDoubleFunction<String> plantedValue,
      TextParser parser) {
    ListenerSink sink = sink(listener);
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new ConnectionLimiter(10, sink.meters()),
            new ReadCounter(sink.meters()),
            new LineFrameDecoder(1024),
            new TcpLineHandler(parser, clock, sink, new LogThrottle(clock, Duration.ofDays(1))));
    double expectedSum = 0;
    long expectedPlanted = 0;
    long tooLong = 0;
    ByteArrayBuilder stream = new ByteArrayBuilder();
    for (int sent = 0; sent < LINES; sent++) {
      String line = next.get();
      if (sent % 1000 == 999) {
        line = line + "x".repeat(1100);
        tooLong++;
      } else {
        double planted = plantedValue.applyAsDouble(line);
        if (planted >= 0) {
          expectedPlanted++;
          expectedSum += planted;
        }
      }
      stream.append(line + "\n");
      if (stream.size() > 64 * 1024) {
        stream.writeInRandomChunks(channel);
      }
    }
    stream.writeInRandomChunks(channel);
    channel.finish();
    channel.checkException();
    assertThat(count(listener, "errors")).isZero();
    assertThat(count(listener, "lines")).isEqualTo(LINES);
    assertThat(
            registry
                .get("mosaic.collector." + listener + ".bad_lines")
                .tag("reason", "too_long")
                .counter()
                .count())
        .isEqualTo(tooLong);
    assertThat(plantedSeen).isEqualTo(expectedPlanted).isGreaterThan(200_000);
    assertThat(plantedSum).isEqualTo(expectedSum);
    if (listener.startsWith("statsd")) {
      assertThat(events(listener)).isGreaterThanOrEqualTo(LINES);
    }
  }

  /** Bytes gathered, then written to a channel cut at random places (even inside a character). */
  private final class ByteArrayBuilder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    void append(String text) {
      bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    int size() {
      return bytes.size();
    }

    void writeInRandomChunks(EmbeddedChannel channel) {
      byte[] all = bytes.toByteArray();
      bytes.reset();
      for (int at = 0; at < all.length; ) {
        int length = Math.min(all.length - at, 1 + random.nextInt(4096));
        channel.writeInbound(Unpooled.wrappedBuffer(all, at, length));
        at += length;
      }
    }
  }

  @Test
  void drainSurvivesAMillionFramesSomeCutShort() {
    FuzzLines lines = new FuzzLines(6);
    ListenerSink sink = sink("drain");
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new HttpServerCodec(),
            new BodySizeLimit(1024 * 1024, sink),
            new LogDrainHandler(
                new OctetCountedFrameSplitter(logfmt),
                Optional.empty(),
                clock,
                sink,
                new LogThrottle(clock, Duration.ofDays(1))));
    double expectedSum = 0;
    long expectedPlanted = 0;
    long cutBodies = 0;
    int responses = 0;
    for (int sent = 0; sent < LINES; ) {
      boolean cut = random.nextInt(10) == 0;
      int frames = 1 + random.nextInt(100);
      int cutFrame = cut ? random.nextInt(frames) : -1;
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (int f = 0; f < frames && sent < LINES; f++, sent++) {
        String message = "<134>1 2024-05-01T10:00:00+00:00 host app web.1 - " + lines.logLine();
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        byte[] frame = (bytes.length + " " + message).getBytes(StandardCharsets.UTF_8);
        if (f == cutFrame) {
          body.write(frame, 0, 1 + random.nextInt(frame.length - 1)); // inside the frame
          cutBodies++;
          sent += frames - f; // the rest of the body never arrives
          break;
        }
        double planted = plantedLogValue(message);
        if (planted >= 0) {
          expectedPlanted++;
          expectedSum += planted;
        }
        body.writeBytes(frame);
      }
      byte[] content = body.toByteArray();
      String head =
          "POST /logs HTTP/1.1\r\nHost: x\r\nContent-Type: application/logplex-1\r\n"
              + "Content-Length: "
              + content.length
              + "\r\n\r\n";
      channel.writeInbound(
          Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), content));
      ByteBuf response = channel.readOutbound();
      assertThat(response.toString(StandardCharsets.US_ASCII))
          .startsWith("HTTP/1.1 204 No Content");
      response.release();
      responses++;
    }
    channel.checkException();
    assertThat(channel.isOpen()).isTrue();
    assertThat(count("drain", "packets")).isEqualTo(responses);
    assertThat(count("drain", "errors")).isZero();
    assertThat(
            registry
                .get("mosaic.collector.drain.bad_lines")
                .tag("reason", "bad_frame")
                .counter()
                .count())
        .isEqualTo(cutBodies)
        .isPositive();
    assertThat(plantedSeen).isEqualTo(expectedPlanted).isGreaterThan(100_000);
    assertThat(plantedSum).isEqualTo(expectedSum);
  }

  @Test
  void aShareOverRealSocketsArrivesWhole() throws Exception {
    TcpLimits limits = new TcpLimits(1024, Duration.ofMinutes(1), 10);
    ListenerMeters tcpMeters = ListenerMeters.register(registry, "statsd_tcp");
    ListenerMeters logsMeters = ListenerMeters.register(registry, "logs");
    ListenerMeters udpMeters = ListenerMeters.register(registry, "statsd");
    SeriesLimit series = new SeriesLimit(1_000_000);
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    List<MetricSample> received = Collections.synchronizedList(new ArrayList<>());
    Consumer<MetricSample> keep =
        s -> {
          if (s.name().startsWith(FuzzLines.VALID_PREFIX)) {
            received.add(s);
          }
        };
    try (TcpLineListener tcp =
            new TcpLineListener(
                "StatsD/TCP", any, limits, statsdParser(), clock, tcpMeters, series, keep);
        TcpLineListener logs =
            new TcpLineListener(
                "logs", any, limits, logfmt::parse, clock, logsMeters, series, keep);
        StatsdUdpListener udp =
            new StatsdUdpListener(
                any, 1 << 20, 65536, new StatsdLineParser(), clock, udpMeters, series, keep)) {
      int tcpPort = tcp.start();
      int logsPort = logs.start();
      int udpPort = udp.start();
      FuzzLines lines = new FuzzLines(7);
      int shareLines = 20_000;
      long planted = 0;
      try (Socket statsdSocket = new Socket(InetAddress.getLoopbackAddress(), tcpPort);
          Socket logsSocket = new Socket(InetAddress.getLoopbackAddress(), logsPort)) {
        OutputStream statsdOut = statsdSocket.getOutputStream();
        OutputStream logsOut = logsSocket.getOutputStream();
        for (int i = 0; i < shareLines; i++) {
          String statsdLine = lines.statsdLine();
          String logLine = lines.logLine();
          planted += plantedStatsdValue(statsdLine) >= 0 ? 1 : 0;
          planted += plantedLogValue(logLine) >= 0 ? 1 : 0;
          statsdOut.write((statsdLine + "\n").getBytes(StandardCharsets.UTF_8));
          logsOut.write((logLine + "\n").getBytes(StandardCharsets.UTF_8));
        }
        statsdOut.flush();
        logsOut.flush();
      }
      try (DatagramSocket socket = new DatagramSocket()) {
        for (int d = 0; d < 200; d++) {
          StringBuilder datagram = new StringBuilder();
          for (int i = 0; i < 10; i++) {
            String line = lines.statsdLine();
            planted += plantedStatsdValue(line) >= 0 ? 1 : 0;
            datagram.append(line).append('\n');
          }
          byte[] bytes = datagram.toString().getBytes(StandardCharsets.UTF_8);
          socket.send(
              new java.net.DatagramPacket(
                  bytes, bytes.length, InetAddress.getLoopbackAddress(), udpPort));
          int sentSoFar = d + 1;
          if (sentSoFar % 20 == 0) { // paced, so a busy machine's receive buffer never overflows
            await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> udpMeters.packets.count() == sentSoFar);
          }
        }
      }
      long expected = planted;
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  tcpMeters.lines.count() == shareLines
                      && logsMeters.lines.count() == shareLines
                      && udpMeters.lines.count() == 2000);
      assertThat(received).hasSize((int) expected);
      assertThat(tcpMeters.errors.count() + logsMeters.errors.count() + udpMeters.errors.count())
          .isZero();
    }
  }
}
