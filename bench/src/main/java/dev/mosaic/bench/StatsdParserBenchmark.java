package dev.mosaic.bench;

import dev.mosaic.collector.statsd.BadLineReason;
import dev.mosaic.collector.statsd.StatsdLineParser;
import dev.mosaic.collector.statsd.StatsdPacketSplitter;
import dev.mosaic.collector.statsd.StatsdSink;
import dev.mosaic.contract.MetricSample;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lines per second through the collector's packet splitter and line parser, on one realistic
 * 20-line packet (counters, sampled counters, timers, gauges, deltas, sets, DogStatsD tags).
 *
 * <pre>
 * UDP datagram → [StatsdPacketSplitter → StatsdLineParser] → StatsdSink
 * </pre>
 *
 * <p>The packet is already a {@code String}: decoding the datagram's bytes is not measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class StatsdParserBenchmark {
  static final String PACKET =
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

  private final StatsdPacketSplitter splitter = new StatsdPacketSplitter(new StatsdLineParser());

  @Benchmark
  @OperationsPerInvocation(LINES)
  public int splitAndParse(Blackhole blackhole) {
    return splitter.split(PACKET, 1_700_000_000_000L, false, new BlackholeSink(blackhole));
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
