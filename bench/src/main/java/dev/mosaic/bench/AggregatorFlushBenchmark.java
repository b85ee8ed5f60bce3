package dev.mosaic.bench;

import dev.mosaic.aggregator.statsd.FlushedInterval;
import dev.mosaic.aggregator.statsd.IntervalAggregator;
import dev.mosaic.contract.MetricSample;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to close one interval holding 1,000,000 series (by default), a tenth of them timers: the
 * {@link IntervalAggregator#flushNext} call that computes every aggregate of the interval.
 *
 * <pre>
 * add → [IntervalAggregator.flushNext] → AggregatePublisher
 * </pre>
 *
 * <p>The interval is filled again before each invocation, outside the measurement; only the flush
 * is timed. The other series are a third each counters, gauges and sets (one member).
 *
 * <p>{@code interval=first} times a fresh aggregator's first flush, which also learns (sorts) every
 * series name; {@code interval=steady} times the flush of the next interval with the same series,
 * which is what a running aggregator does every interval.
 *
 * <p>The refill allocates as much as the flush, so with {@code gcBeforeFlush=false} a young
 * collection the refill made due often falls inside the timed flush, and copies the interval just
 * built; that is most of the spread between invocations. {@code gcBeforeFlush=true} starts each
 * flush with an empty young generation, as in an aggregator whose interval state has aged over the
 * interval.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class AggregatorFlushBenchmark {
  /** Series in the interval; a tenth of them are timers. */
  @Param({"1000000"})
  public int series;

  /** Values per timer series in the interval. */
  @Param({"10"})
  public int valuesPerTimer;

  /** {@code first}: a fresh aggregator's first flush; {@code steady}: the flush after it. */
  @Param({"first", "steady"})
  public String interval;

  /**
   * {@code true}: a full GC ends the set-up, so the flush pays only for the garbage collections its
   * own allocation causes, not for the refill's; {@code false}: whatever the refill left due.
   */
  @Param({"false", "true"})
  public boolean gcBeforeFlush;

  private MetricSample[] samples;
  private MetricSample[] nextSamples;
  private IntervalAggregator aggregator;

  @Setup(Level.Trial)
  public void buildSamples() {
    samples = workload(series, valuesPerTimer, BenchAggregators.INTERVAL_START);
    nextSamples =
        workload(
            series,
            valuesPerTimer,
            BenchAggregators.INTERVAL_START + BenchAggregators.INTERVAL_MILLIS);
  }

  /**
   * One interval's samples: a tenth of {@code series} timers with {@code valuesPerTimer} values
   * each, the rest a third each counters, gauges and sets (one member), all received at {@code at}.
   */
  static MetricSample[] workload(int series, int valuesPerTimer, long at) {
    int timers = series / 10;
    int others = series - timers;
    MetricSample[] samples = new MetricSample[others + timers * valuesPerTimer];
    int next = 0;
    for (int i = 0; i < others; i++) {
      samples[next++] =
          switch (i % 3) {
            case 0 -> MetricSample.counter("app.flush.c" + i, 3, 1.0, at);
            case 1 -> MetricSample.gauge("app.flush.g" + i, i, at);
            default -> MetricSample.set("app.flush.s" + i, "member", at);
          };
    }
    for (int t = 0; t < timers; t++) {
      String name = "app.flush.t" + t;
      for (int v = 0; v < valuesPerTimer; v++) {
        samples[next++] = MetricSample.timer(name, 10.0 * v + t % 7, 1.0, at);
      }
    }
    return samples;
  }

  @Setup(Level.Invocation)
  public void fillInterval() {
    aggregator = BenchAggregators.newAggregator();
    for (MetricSample sample : samples) {
      aggregator.add(sample, BenchAggregators.INTERVAL_START);
    }
    if (interval.equals("steady")) {
      aggregator.flushNext(BenchAggregators.afterFirstInterval(), Long.MAX_VALUE).orElseThrow();
      long next = BenchAggregators.INTERVAL_START + BenchAggregators.INTERVAL_MILLIS;
      for (MetricSample sample : nextSamples) {
        aggregator.add(sample, next);
      }
    }
    if (gcBeforeFlush) {
      System.gc();
    }
  }

  @Benchmark
  public Optional<FlushedInterval> flush() {
    long now = BenchAggregators.afterFirstInterval();
    if (interval.equals("steady")) {
      now += BenchAggregators.INTERVAL_MILLIS;
    }
    Optional<FlushedInterval> flushed = aggregator.flushNext(now, Long.MAX_VALUE);
    if (flushed.isEmpty()) {
      throw new IllegalStateException("the interval was not due");
    }
    return flushed;
  }
}
