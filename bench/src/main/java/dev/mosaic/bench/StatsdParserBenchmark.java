package dev.mosaic.bench;

import dev.mosaic.collector.listener.SeriesLimit;
import dev.mosaic.collector.statsd.BadLineReason;
import dev.mosaic.collector.statsd.StatsdDatagramParser;
import dev.mosaic.collector.statsd.StatsdLineParser;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import dev.mosaic.collector.statsd.StatsdSink;
import dev.mosaic.contract.MetricSample;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lines per second through the collector's packet splitter and line parser, on one realistic
 * 20-line packet (counters, sampled counters, timers, gauges, deltas, sets, DogStatsD tags).
 *
 * <pre>
 * UDP datagram → [StatsdPacketSplitter → StatsdLineParser] → StatsdSink
 * </pre>
 *
 * <p>{@code splitAndParse}: the packet is already a {@code String}, so decoding is not measured.
 *
 * <p>{@code datagramAsText} and {@code datagramAsBytes} measure the UDP receive path old and new,
 * from a direct buffer (as epoll hands it over) to admitted samples: the old one decodes the
 * datagram into a {@code String}, splits and parses it, and asks the series limit per sample; the
 * new one copies the bytes into a reused array and parses them with {@link StatsdDatagramParser},
 * whose name table asks the series limit once per name. Both cycle through {@code names / 20}
 * datagrams of the same 20 lines, each datagram under its own name prefix: {@code names} distinct
 * names, 10,000 (the load harness's count, more than the CPU caches hold comfortably) or 20 (all
 * cached). Micrometer counters are not included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class StatsdParserBenchmark {
  public static final String PACKET =
      String.join(
          "\n",
          "api.requests.count:1|c",
          "api.requests.sampled:3|c|@0.1",
          "api.response_time:123.4|ms",
          "api.response_time.p:7|ms|@0.5",
          "db.query.duration:15.25|ms",
          "cache.hits:42|c",
          "cache.misses:1|c",
          "queue.depth:318|g",
          "queue.depth.delta:-12|g",
          "threads.active:+3|g",
          "users.unique:user-8812|s",
          "sessions.unique:ab12cd34|s",
          "http.status.200:1|c|#env:prod,region:eu-west-1",
          "http.status.500:1|c|#env:prod,region:eu-west-1",
          "payload.size:5120|h",
          "render.time:48|ms|#page:home",
          "jvm.heap.used:734003200|g",
          "jobs.processed:1|c:2|c",
          "login.duration:250|d",
          "app.with-dash_and.chars:9|c");

  static final int LINES = 20;

  /** Distinct names over all datagrams of the datagram benchmarks; a multiple of 20. */
  @Param({"10000", "20"})
  public int names;

  private final StatsdPacketSplitter splitter = new StatsdPacketSplitter(new StatsdLineParser());
  private final StatsdDatagramParser datagramParser =
      new StatsdDatagramParser(new StatsdLineParser(), StatsdDatagramParser.DEFAULT_MAX_NAMES);
  private ByteBuf[] datagrams;
  private final SeriesLimit textSeries = new SeriesLimit(1_000_000);
  private final SeriesLimit byteSeries = new SeriesLimit(1_000_000);
  private byte[] copy = new byte[0];
  private int next;

  @Setup
  public void buildDatagrams() {
    datagrams = new ByteBuf[names / LINES];
    for (int d = 0; d < datagrams.length; d++) {
      byte[] text = PACKET.replaceAll("(?m)^", "svc" + d + ".").getBytes(StandardCharsets.UTF_8);
      datagrams[d] = Unpooled.directBuffer(text.length).writeBytes(text);
    }
  }

  @TearDown
  public void releaseDatagrams() {
    for (ByteBuf datagram : datagrams) {
      datagram.release();
    }
  }

  private ByteBuf nextDatagram() {
    ByteBuf datagram = datagrams[next];
    next = next + 1 == datagrams.length ? 0 : next + 1;
    return datagram;
  }

  /** The receive path before issue 8's rework: a String per datagram, the limit per sample. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public int datagramAsText(Blackhole blackhole, CpuPerLine cpu) {
    String text = nextDatagram().toString(StandardCharsets.UTF_8);
    return cpu.count(
        splitter.split(text, 1_700_000_000_000L, false, new LimitedSink(blackhole, textSeries)));
  }

  /** The receive path now: bytes parsed in place, names from the per-thread table. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public int datagramAsBytes(Blackhole blackhole, CpuPerLine cpu) {
    ByteBuf datagram = nextDatagram();
    int size = datagram.readableBytes();
    if (copy.length < size) {
      copy = new byte[size];
    }
    datagram.getBytes(datagram.readerIndex(), copy, 0, size);
    return cpu.count(
        datagramParser.parse(
            copy, 0, size, 1_700_000_000_000L, false, new LimitedSink(blackhole, byteSeries)));
  }

  /**
   * The benchmark thread's CPU time per line over each iteration, printed at its end: on a shared
   * machine the thread waits for a core, which lowers the throughput score but not this figure.
   */
  @State(Scope.Thread)
  public static class CpuPerLine {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long cpuAtStart;
    private long lines;

    public int count(int parsedLines) {
      lines += parsedLines;
      return parsedLines;
    }

    @Setup(Level.Iteration)
    public void start() {
      lines = 0;
      cpuAtStart = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void report() {
      long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
      System.out.printf(" [thread CPU %.1f ns/line over %,d lines] ", (double) cpu / lines, lines);
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public int splitAndParse(Blackhole blackhole) {
    return splitter.split(PACKET, 1_700_000_000_000L, false, new BlackholeSink(blackhole));
  }

  /** As the listener's sink: samples pass the series limit, then go to the blackhole. */
  private record LimitedSink(Blackhole blackhole, SeriesLimit series) implements StatsdSink {
    @Override
    public void sample(MetricSample sample) {
      if (series.admit(sample.name())) {
        blackhole.consume(sample);
      }
    }

    @Override
    public boolean admits(String name) {
      return series.admit(name);
    }

    @Override
    public void admittedSample(MetricSample sample) {
      blackhole.consume(sample);
    }

    @Override
    public void badLine(BadLineReason reason, CharSequence line) {
      throw new IllegalStateException("benchmark packet has a bad line: " + reason + " " + line);
    }

    @Override
    public void tagsIgnored() {
      blackhole.consume(true);
    }
  }

  /** Hands every parsed sample to the blackhole, so none of the parsing can be elided. */
  private record BlackholeSink(Blackhole blackhole) implements StatsdSink {
    @Override
    public void sample(MetricSample sample) {
      blackhole.consume(sample);
    }

    @Override
    public void badLine(BadLineReason reason, CharSequence line) {
      throw new IllegalStateException("benchmark packet has a bad line: " + reason + " " + line);
    }

    @Override
    public void tagsIgnored() {
      blackhole.consume(true);
    }
  }
}
