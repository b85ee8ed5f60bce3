package dev.mosaic.bench;

import dev.mosaic.aggregator.statsd.IntervalAggregator;
import dev.mosaic.aggregator.statsd.PercentileThreshold;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;

/**
 * Builds the aggregator every benchmark measures, configured as the service's defaults.
 *
 * <pre>
 * benchmark → BenchAggregators → IntervalAggregator
 * </pre>
 */
final class BenchAggregators {
  static final long INTERVAL_MILLIS = 10_000;

  /** An aligned interval start, so every sample stamped here lands in one interval. */
  static final long INTERVAL_START = 1_700_000_000_000L;

  private BenchAggregators() {}

  /** A 10 s interval, 2 s grace, the 90th percentile and 128 exact timer values (the defaults). */
  static IntervalAggregator newAggregator() {
    return new IntervalAggregator(
        Duration.ofMillis(INTERVAL_MILLIS),
        Duration.ofSeconds(2),
        Duration.ofHours(1),
        List.of(PercentileThreshold.parse("90")),
        128,
        new SimpleMeterRegistry());
  }

  /** A {@code now} past the end and grace of the interval at {@link #INTERVAL_START}. */
  static long afterFirstInterval() {
    return INTERVAL_START + INTERVAL_MILLIS + 3_000;
  }
}
