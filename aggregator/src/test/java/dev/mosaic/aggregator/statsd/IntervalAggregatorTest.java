package dev.mosaic.aggregator.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.MetricType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IntervalAggregatorTest {
  /** A multiple of the 10 s interval. */
  private static final long T = 1_700_000_000_000L;

  private static final long L = 10_000;
  private static final long GRACE = 1_000;
  private static final long NO_LAG = Long.MAX_VALUE;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final IntervalAggregator aggregator =
      new IntervalAggregator(
          Duration.ofMillis(L),
          Duration.ofMillis(GRACE),
          Duration.ofMinutes(5),
          List.of(PercentileThreshold.parse("90")),
          128,
          meters);

  /** Flushes the next interval, which must be due at {@code now}; name → value. */
  private Map<String, Double> flush(long now) {
    FlushedInterval interval = aggregator.flushNext(now, NO_LAG).orElseThrow();
    Map<String, Double> points = new TreeMap<>();
    for (SeriesAggregates series : interval.series()) {
      for (AggregatePoint point : series.points()) {
        assertThat(point.timestampSeconds()).isEqualTo(interval.startMillis() / 1000);
        points.put(point.name(), point.value());
      }
    }
    return points;
  }

  private double counted(String meter) {
    return meters.counter(meter).count();
  }

  @Test
  void counterReportsPerSecondRateAndSampleRateScaledCount() {
    aggregator.add(MetricSample.counter("api.hits", 3, 0.5, T + 100), T + 100);
    aggregator.add(MetricSample.counter("api.hits", 1, 1.0, T + 9_999), T + 9_999);

    assertThat(flush(T + L + GRACE))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("stats_counts.api.hits", 7.0, "stats.api.hits", 0.7));
  }

  @Test
  void idleCounterReportsZeroNextInterval() {
    aggregator.add(MetricSample.counter("api.hits", 5, 1.0, T), T);
    flush(T + L + GRACE);

    assertThat(flush(T + 2 * L + GRACE))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("stats_counts.api.hits", 0.0, "stats.api.hits", 0.0));
  }

  @Test
  void intervalIsFlushedOnlyOnceItsEndPlusGraceHasPassed() {
    aggregator.add(MetricSample.counter("c", 1, 1.0, T), T);

    assertThat(aggregator.flushNext(T + L + GRACE - 1, NO_LAG)).isEmpty();
    assertThat(aggregator.flushNext(T + L + GRACE, NO_LAG))
        .get()
        .extracting(FlushedInterval::startMillis, FlushedInterval::lengthMillis)
        .containsExactly(T, L);
    assertThat(aggregator.nextToFlush()).hasValue(T + L);
  }

  @Test
  void intervalWaitsForInputStillBeingRead() {
    aggregator.add(MetricSample.counter("c", 1, 1.0, T), T + 60_000);

    assertThat(aggregator.flushNext(T + 60_000, T + L - 1)).isEmpty();
    assertThat(aggregator.flushNext(T + 60_000, T + L)).isPresent();
  }

  @Test
  void sampleAtExactlyTheIntervalEndBelongsToTheNextInterval() {
    assertThat(aggregator.add(MetricSample.counter("c", 1, 1.0, T + L - 1), T)).hasValue(T);
    assertThat(aggregator.add(MetricSample.counter("c", 10, 1.0, T + L), T)).hasValue(T + L);

    assertThat(flush(T + L + GRACE)).containsEntry("stats_counts.c", 1.0);
    assertThat(flush(T + 2 * L + GRACE)).containsEntry("stats_counts.c", 10.0);
  }

  @Test
  void lateSampleIsCountedAndFoldedIntoTheOldestOpenInterval() {
    aggregator.add(MetricSample.counter("c", 1, 1.0, T), T);
    flush(T + L + GRACE);

    assertThat(aggregator.add(MetricSample.counter("c", 2, 1.0, T + 5_000), T + L + GRACE))
        .hasValue(T + L);

    assertThat(counted("mosaic.aggregator.late_samples")).isEqualTo(1.0);
    assertThat(flush(T + 2 * L + GRACE)).containsEntry("stats_counts.c", 2.0);
  }

  @Test
  void sampleFromTheFarFutureIsCountedAndPutInTheCurrentInterval() {
    long now = T + 2_000;

    assertThat(aggregator.add(MetricSample.counter("c", 4, 1.0, now + L + 1), now)).hasValue(T);
    assertThat(aggregator.add(MetricSample.counter("c", 1, 1.0, now + L), now)).hasValue(T + L);

    assertThat(counted("mosaic.aggregator.future_samples")).isEqualTo(1.0);
    assertThat(flush(T + L + GRACE)).containsEntry("stats_counts.c", 4.0);
  }

  @Test
  void firstIntervalIsNeverOlderThanTheCatchUpWindow() {
    long now = T + 2_000;
    assertThat(aggregator.add(MetricSample.counter("c", 4, 1.0, 0), now)).hasValue(T - 300_000);
    assertThat(counted("mosaic.aggregator.late_samples")).isEqualTo(1.0);

    FlushedInterval first = aggregator.flushNext(T + L + GRACE, NO_LAG).orElseThrow();
    assertThat(first.startMillis()).isEqualTo(T - 300_000);
  }

  @Test
  void afterResumingSamplesForIntervalsAlreadyPublishedAreLate() {
    aggregator.resumeFrom(T);

    assertThat(aggregator.add(MetricSample.counter("c", 4, 1.0, T - 1), T + 500)).hasValue(T);
    aggregator.add(MetricSample.counter("c", 1, 1.0, T + 100), T + 500);

    assertThat(counted("mosaic.aggregator.late_samples")).isEqualTo(1.0);
    assertThat(flush(T + L + GRACE)).containsEntry("stats_counts.c", 5.0);
  }

  @Test
  void timerValueTheHistogramCannotHoldIsABadSample() {
    assertThat(aggregator.add(MetricSample.timer("t", 1e308, 1.0, T), T)).isEmpty();
    assertThat(aggregator.add(MetricSample.timer("t", 1e-310, 1.0, T), T)).isEmpty();
    assertThat(aggregator.add(MetricSample.timer("t", 1e300, 1.0, T), T)).hasValue(T);

    assertThat(counted("mosaic.aggregator.bad_samples")).isEqualTo(2.0);
  }

  @Test
  void badSamplesAreCountedAndSkipped() {
    assertThat(aggregator.add(MetricSample.timer("t", -1, 1.0, T), T)).isEmpty();
    assertThat(aggregator.add(MetricSample.gauge("g", Double.NaN, T), T)).isEmpty();
    aggregator.add(MetricSample.counter("c", 1, 1.0, T), T);

    assertThat(counted("mosaic.aggregator.bad_samples")).isEqualTo(2.0);
    assertThat(flush(T + L + GRACE)).containsOnlyKeys("stats.c", "stats_counts.c");
  }

  @Test
  void gaugeKeepsItsLevelAndAppliesDeltas() {
    aggregator.add(MetricSample.gauge("temp", 20, T), T);
    aggregator.add(MetricSample.gaugeDelta("temp", 5, T + 1), T);
    assertThat(flush(T + L + GRACE)).containsExactlyEntriesOf(Map.of("stats.gauges.temp", 25.0));

    assertThat(flush(T + 2 * L + GRACE))
        .containsExactlyEntriesOf(Map.of("stats.gauges.temp", 25.0));

    aggregator.add(MetricSample.gaugeDelta("temp", -7.5, T + 2 * L), T + 2 * L);
    assertThat(flush(T + 3 * L + GRACE))
        .containsExactlyEntriesOf(Map.of("stats.gauges.temp", 17.5));

    aggregator.add(MetricSample.gauge("temp", 3, T + 3 * L), T + 3 * L);
    assertThat(flush(T + 4 * L + GRACE)).containsExactlyEntriesOf(Map.of("stats.gauges.temp", 3.0));
  }

  @Test
  void deltaToAGaugeNeverSetSetsItToTheDelta() {
    aggregator.add(MetricSample.gaugeDelta("queue", -3, T), T);
    aggregator.add(MetricSample.gaugeDelta("queue", 1, T), T);

    assertThat(flush(T + L + GRACE)).containsExactlyEntriesOf(Map.of("stats.gauges.queue", -2.0));
  }

  @Test
  void deltasWhileAnEarlierIntervalIsOpenApplyInIntervalOrder() {
    aggregator.add(MetricSample.gauge("g", 10, T), T);
    aggregator.add(MetricSample.gaugeDelta("g", 1, T + L), T + L);
    aggregator.add(MetricSample.gaugeDelta("g", 2, T + 1), T + L);

    assertThat(flush(T + L + GRACE)).containsEntry("stats.gauges.g", 12.0);
    assertThat(flush(T + 2 * L + GRACE)).containsEntry("stats.gauges.g", 13.0);
  }

  @Test
  void setCountsDistinctMembersAndZeroWhenIdle() {
    for (String member : List.of("alice", "bob", "alice")) {
      aggregator.add(MetricSample.set("users", member, T), T);
    }

    assertThat(flush(T + L + GRACE))
        .containsExactlyEntriesOf(Map.of("stats.sets.users.count", 2.0));
    assertThat(flush(T + 2 * L + GRACE))
        .containsExactlyEntriesOf(Map.of("stats.sets.users.count", 0.0));
  }

  @Test
  void timerReportsEveryFieldThenOnlyZeroCountsWhenIdle() {
    for (double millis : new double[] {10, 20, 30, 40}) {
      aggregator.add(MetricSample.timer("api.latency", millis, 1.0, T), T);
    }

    Map<String, Double> busy = flush(T + L + GRACE);
    String p = "stats.timers.api.latency.";
    assertThat(busy)
        .containsOnlyKeys(
            p + "count",
            p + "count_ps",
            p + "mean",
            p + "median",
            p + "upper",
            p + "lower",
            p + "sum",
            p + "sum_squares",
            p + "std",
            p + "count_90",
            p + "mean_90",
            p + "upper_90",
            p + "sum_90",
            p + "sum_squares_90")
        .containsEntry(p + "count", 4.0)
        .containsEntry(p + "count_ps", 0.4)
        .containsEntry(p + "mean", 25.0)
        .containsEntry(p + "std", Math.sqrt(125))
        .containsEntry(p + "upper_90", 40.0);
    assertThat(flush(T + 2 * L + GRACE))
        .containsExactlyInAnyOrderEntriesOf(Map.of(p + "count", 0.0, p + "count_ps", 0.0));
  }

  @Test
  void intervalsWithoutSamplesAreStillFlushedInTurn() {
    aggregator.add(MetricSample.counter("c", 1, 1.0, T), T);
    aggregator.add(MetricSample.counter("c", 3, 1.0, T + 3 * L), T + 3 * L);

    long now = T + 4 * L + GRACE;
    assertThat(flush(now)).containsEntry("stats_counts.c", 1.0);
    assertThat(flush(now)).containsEntry("stats_counts.c", 0.0);
    assertThat(flush(now)).containsEntry("stats_counts.c", 0.0);
    assertThat(flush(now)).containsEntry("stats_counts.c", 3.0);
    assertThat(aggregator.flushNext(now, NO_LAG)).isEmpty();
  }

  @Test
  void forgottenSeriesAreNoLongerReported() {
    aggregator.add(MetricSample.counter("mine", 1, 1.0, T), T);
    aggregator.add(MetricSample.counter("theirs", 1, 1.0, T), T);
    aggregator.add(MetricSample.gauge("theirs.level", 1, T), T);
    flush(T + L + GRACE);
    assertThat(aggregator.seriesCount()).isEqualTo(3);

    aggregator.forgetSeries(name -> name.startsWith("theirs"));

    assertThat(aggregator.seriesCount()).isEqualTo(1);
    assertThat(flush(T + 2 * L + GRACE)).containsOnlyKeys("stats.mine", "stats_counts.mine");
  }

  @Test
  void pointsAreGroupedByTheirSourceMetric() {
    aggregator.add(MetricSample.counter("b", 1, 1.0, T), T);
    aggregator.add(new MetricSample("a", MetricType.TIMER, 1, null, false, 1.0, T), T);

    FlushedInterval interval = aggregator.flushNext(T + L + GRACE, NO_LAG).orElseThrow();

    assertThat(interval.series())
        .extracting(SeriesAggregates::sourceName)
        .containsExactly("a", "b");
    assertThat(interval.series().get(1).points())
        .extracting(AggregatePoint::name)
        .containsExactly("stats.b", "stats_counts.b");
    assertThat(interval.pointCount()).isEqualTo(14 + 2);
  }

  @Test
  void discardedOpenIntervalsAreNotFlushed() {
    aggregator.add(MetricSample.counter("c", 1, 1.0, T), T);
    flush(T + L + GRACE);
    aggregator.add(MetricSample.counter("c", 5, 1.0, T + L), T + L);

    aggregator.discardOpenIntervals();

    assertThat(aggregator.openIntervalCount()).isZero();
    assertThat(flush(T + 2 * L + GRACE)).containsEntry("stats_counts.c", 0.0);
  }

  @Test
  void aRunSharingOneNameAggregatesLikeSeparateNames() {
    String name = "run";
    MetricSample[] run = {
      MetricSample.counter(name, 2, 1.0, T + 1),
      MetricSample.counter(name, 3, 0.5, T + 2),
      MetricSample.timer(name, 7, 1.0, T + 3), // the same name instance, another series
      MetricSample.counter(name, 1, 1.0, T + 4),
      MetricSample.gauge(name, 5, T + 5),
      MetricSample.gaugeDelta(name, -2, T + 6),
      MetricSample.set(name, "a", T + 7),
      MetricSample.set(name, "b", T + 8)
    };
    for (MetricSample sample : run) {
      aggregator.add(sample, T + 10);
    }

    Map<String, Double> points = flush(T + L + GRACE);

    assertThat(points)
        .containsEntry("stats_counts.run", 9.0)
        .containsEntry("stats.timers.run.count", 1.0)
        .containsEntry("stats.gauges.run", 3.0)
        .containsEntry("stats.sets.run.count", 2.0);
  }

  @Test
  void aSampleForAnIntervalJustFlushedGoesToTheNextOneNotTheFlushedOne() {
    aggregator.add(MetricSample.counter("c", 1, 1.0, T), T);
    flush(T + L + GRACE);

    assertThat(
            aggregator.addSample(
                MetricSample.counter("c", 4, 1.0, T + 1), T + L + GRACE, Long.MIN_VALUE))
        .isEqualTo(T + L);

    assertThat(flush(T + 2 * L + GRACE)).containsEntry("stats_counts.c", 4.0);
  }

  @Test
  void afterARestartTheSameIntervalStartsEmptyAgain() {
    aggregator.add(MetricSample.counter("c", 1, 1.0, T), T);
    aggregator.restartFlushing();
    aggregator.add(MetricSample.counter("c", 2, 1.0, T), T);

    assertThat(aggregator.openIntervalCount()).isEqualTo(1);
    assertThat(flush(T + L + GRACE)).containsEntry("stats_counts.c", 2.0);
  }

  @Test
  void aBadSampleIsSkippedWithoutAnInterval() {
    assertThat(aggregator.addSample(MetricSample.gauge("g", Double.NaN, T), T, Long.MIN_VALUE))
        .isEqualTo(IntervalAggregator.SKIPPED);
    assertThat(aggregator.openIntervalCount()).isZero();
  }
}
