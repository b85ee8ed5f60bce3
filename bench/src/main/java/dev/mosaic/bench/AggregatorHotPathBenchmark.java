package dev.mosaic.bench;

import dev.mosaic.aggregator.statsd.IntervalAggregator;
import dev.mosaic.contract.MetricSample;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Samples per second through {@link IntervalAggregator#addSample}, the aggregator's per-sample hot
 * path, over a mix of counters, timers, gauges and sets on 100,000 distinct names.
 *
 * <pre>
 * Kafka consumer → [IntervalAggregator.add] → flush
 * </pre>
 *
 * <p>Every sample falls in one interval that is never flushed, so the measurement is the steady
 * state of a busy interval after its series exist. A fresh aggregator per iteration keeps timer
 * value storage from growing across iterations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AggregatorHotPathBenchmark {
  static final int SAMPLES = 1_000_000;
  static final int DISTINCT_NAMES = 100_000;

  /**
   * How many samples of one series come in a row: 1 interleaves all names; 10 is what a record of
   * the samples topic decodes to when its batch held ten samples of each series.
   */
  @Param({"1", "10"})
  public int runLength;

  private MetricSample[] samples;
  private IntervalAggregator aggregator;
  private long now;

  @Setup(Level.Trial)
  public void buildSamples() {
    samples = SampleMix.mixed(SAMPLES, DISTINCT_NAMES, runLength, BenchAggregators.INTERVAL_START);
    now = BenchAggregators.INTERVAL_START + 1_000;
  }

  @Setup(Level.Iteration)
  public void freshAggregator() {
    aggregator = BenchAggregators.newAggregator();
    addAll(null);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public void add(Blackhole blackhole) {
    addAll(blackhole);
  }

  private void addAll(Blackhole blackhole) {
    for (MetricSample sample : samples) {
      long interval = aggregator.addSample(sample, now, Long.MIN_VALUE);
      if (blackhole != null) {
        blackhole.consume(interval);
      }
    }
  }
}
