package dev.mosaic.bench;

import dev.mosaic.aggregator.statsd.FlushedInterval;
import dev.mosaic.aggregator.statsd.IntervalAggregator;
import dev.mosaic.aggregator.statsd.SeriesAggregates;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.MetricSample;
import java.util.ArrayList;
import java.util.List;

/**
 * One closed interval as the stages after the aggregator receive it: {@code series} series, 40 %
 * counters, 30 % timers, 20 % gauges, 10 % sets, ten samples each, closed by the real aggregator.
 * With 100,000 series that is about 530,000 points, a timer writing 14.
 *
 * <p>{@code harness} values are the load harness's ({@code PacketPool}): counters of 1, whole timer
 * values below 1,000, whole gauge levels, set members {@code u0}..{@code u15}; so most aggregates
 * are whole numbers and the rest short fractions. {@code random} values are {@link SampleMix}'s:
 * timers of random doubles, whose statistics have 16 or 17 significant digits.
 *
 * <pre>
 * SampleMix → IntervalAggregator → IntervalPoints → AggregatePublisher / bridge / state engine
 * </pre>
 */
public final class IntervalPoints {
  private IntervalPoints() {}

  /**
   * @param values {@code harness} or {@code random}
   */
  public static FlushedInterval interval(int series, String values) {
    long at = BenchAggregators.INTERVAL_START;
    MetricSample[] samples =
        switch (values) {
          case "harness" -> harness(series, at);
          case "random" -> SampleMix.mixed(series * 10, series, at);
          default -> throw new IllegalArgumentException("values: harness or random, not " + values);
        };
    IntervalAggregator aggregator = BenchAggregators.newAggregator();
    for (MetricSample sample : samples) {
      aggregator.add(sample, at);
    }
    return aggregator
        .flushNext(BenchAggregators.afterFirstInterval(), Long.MAX_VALUE)
        .orElseThrow();
  }

  /** The load harness's lines: line j is of name j % series, kind (j % series) % 10. */
  private static MetricSample[] harness(int series, long at) {
    MetricSample[] samples = new MetricSample[series * 10];
    for (int j = 0; j < samples.length; j++) {
      int n = j % series;
      samples[j] =
          switch (n % 10) {
            case 0, 1, 2, 3 -> MetricSample.counter("load.c." + n, 1, 1.0, at);
            case 4, 5, 6 -> MetricSample.timer("load.t." + n, j % 1000, 1.0, at);
            case 7, 8 -> MetricSample.gauge("load.g." + n, j % 500, at);
            default -> MetricSample.set("load.s." + n, "u" + j % 16, at);
          };
    }
    return samples;
  }

  public static List<AggregatePoint> points(FlushedInterval interval) {
    List<AggregatePoint> points = new ArrayList<>();
    for (SeriesAggregates s : interval.series()) {
      points.addAll(s.points());
    }
    return points;
  }
}
