package dev.mosaic.collector.listener;

import dev.mosaic.bench.StatsdParserBenchmark.CpuPerLine;
import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.collector.statsd.StatsdLineParser;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lines per second through one StatsD receive thread's handler, meters included, fed as epoll feeds
 * it: {@value #DATAGRAMS_PER_READ} datagrams in direct buffers, then the end of the read.
 *
 * <pre>
 * recvmmsg (not measured) → [StatsdDatagramHandler → parser → ListenerSink, ListenerMeters] → sink
 * </pre>
 *
 * <p>In the listener's package because the handler is package-private. The meters live in a
 * composite over a Prometheus registry, as in {@code SelfMetrics}. {@code twentyLinesPerDatagram}
 * cycles through 500 datagrams of {@link dev.mosaic.bench.StatsdParserBenchmark}'s 20 lines, each
 * under its own prefix (10,000 names); {@code oneLinePerDatagram} sends the same 10,000 lines one
 * per datagram, where the per-datagram costs dominate. Not measured: the system call, and Netty's
 * {@code DatagramPacket} and buffer slice per datagram (here reused).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = "-Xmx1g")
public class StatsdReceiveBenchmark {
  static final int DATAGRAMS_PER_READ = 16;
  private static final int PREFIXES = 500;
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8125);
  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

  private DatagramPacket[] twentyLines;
  private DatagramPacket[] oneLine;
  private int nextTwenty;
  private int nextOne;
  private EmbeddedChannel channel;
  private ChannelPipeline pipeline;
  private CompositeMeterRegistry registry;
  private long linesRead;

  @Setup
  public void setUp(Blackhole blackhole) {
    String[] lines = dev.mosaic.bench.StatsdParserBenchmark.PACKET.split("\n");
    twentyLines = new DatagramPacket[PREFIXES];
    oneLine = new DatagramPacket[PREFIXES * lines.length];
    for (int d = 0; d < PREFIXES; d++) {
      StringBuilder packet = new StringBuilder();
      for (int l = 0; l < lines.length; l++) {
        String line = "svc" + d + "." + lines[l];
        packet.append(l == 0 ? "" : "\n").append(line);
        oneLine[d * lines.length + l] = datagram(line);
      }
      twentyLines[d] = datagram(packet.toString());
    }
    registry = new CompositeMeterRegistry();
    registry.add(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    Clock clock = Clock.systemUTC();
    ListenerSink sink =
        new ListenerSink(
            "StatsD/UDP",
            ListenerMeters.register(registry, "statsd", new StatsdCounters()),
            new SeriesLimit(1_000_000),
            blackhole::consume,
            new LogThrottle(clock, Duration.ofSeconds(10)));
    StatsdDatagramHandler handler =
        new StatsdDatagramHandler(
            new StatsdPacketSplitter(new StatsdLineParser()),
            1432,
            clock,
            sink,
            1_000_000,
            new LogThrottle(clock, Duration.ofSeconds(10)));
    channel = new EmbeddedChannel(handler);
    pipeline = channel.pipeline();
  }

  private static DatagramPacket datagram(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new DatagramPacket(Unpooled.directBuffer(bytes.length).writeBytes(bytes), LOCAL, CLIENT);
  }

  @TearDown
  public void tearDown() {
    double counted = registry.get("mosaic.collector.statsd.lines").counter().count();
    channel.finishAndReleaseAll();
    for (DatagramPacket packet : twentyLines) {
      packet.release();
    }
    for (DatagramPacket packet : oneLine) {
      packet.release();
    }
    if (counted != linesRead) {
      throw new IllegalStateException("meters counted " + counted + " lines of " + linesRead);
    }
  }

  @Benchmark
  @OperationsPerInvocation(DATAGRAMS_PER_READ * 20)
  public void twentyLinesPerDatagram(CpuPerLine cpu) {
    for (int i = 0; i < DATAGRAMS_PER_READ; i++) {
      pipeline.fireChannelRead(twentyLines[nextTwenty].retain());
      nextTwenty = nextTwenty + 1 == twentyLines.length ? 0 : nextTwenty + 1;
    }
    pipeline.fireChannelReadComplete();
    linesRead += DATAGRAMS_PER_READ * 20;
    cpu.count(DATAGRAMS_PER_READ * 20);
  }

  @Benchmark
  @OperationsPerInvocation(DATAGRAMS_PER_READ)
  public void oneLinePerDatagram(CpuPerLine cpu) {
    for (int i = 0; i < DATAGRAMS_PER_READ; i++) {
      pipeline.fireChannelRead(oneLine[nextOne].retain());
      nextOne = nextOne + 1 == oneLine.length ? 0 : nextOne + 1;
    }
    pipeline.fireChannelReadComplete();
    linesRead += DATAGRAMS_PER_READ;
    cpu.count(DATAGRAMS_PER_READ);
  }
}
