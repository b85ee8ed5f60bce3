package dev.mosaic.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.aggregator.statsd.FlushedInterval;
import dev.mosaic.aggregator.statsd.SeriesAggregates;
import dev.mosaic.aggregator.statsd.StatsdGraphiteNaming;
import dev.mosaic.contract.AggregatePoint;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StatsdSelfMetricsTest {
  private static final long T = 1_700_000_000_000L;
  private static final long L = 10_000;

  private static FlushedInterval interval(long start, int statsdSeries) {
    return new FlushedInterval(
        start,
        L,
        List.of(new SeriesAggregates("a", List.of(new AggregatePoint("stats.a", 1, start / 1000)))),
        statsdSeries);
  }

  private static Map<String, Double> ownPoints(FlushedInterval interval) {
    Map<String, Double> points = new TreeMap<>();
    interval.series().stream()
        .filter(s -> s.sourceName().equals(StatsdSelfMetrics.SOURCE))
        .flatMap(s -> s.points().stream())
        .forEach(p -> points.put(p.name(), p.value()));
    return points;
  }

  @Test
  void firstIntervalWritesEtsysLegacyNamesWithoutTimestampLag() {
    StatsdSelfMetrics self = new StatsdSelfMetrics(StatsdGraphiteNaming.DEFAULTS, T - 3_000);

    FlushedInterval flushed = self.addTo(interval(T, 7), T + L + 2_000, 12);

    assertThat(ownPoints(flushed))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "statsd.numStats", 7.0,
                "stats.statsd.graphiteStats.calculationtime", 12.0,
                "stats.statsd.processing_time", 12.0,
                "stats.statsd.graphiteStats.last_exception", 0.0,
                "stats.statsd.graphiteStats.last_flush", (double) ((T - 3_000) / 1000),
                "stats.statsd.graphiteStats.flush_time", 0.0,
                "stats.statsd.graphiteStats.flush_length", 0.0));
    assertThat(flushed.series()).hasSize(2);
    assertThat(flushed.series().get(1).points())
        .allSatisfy(p -> assertThat(p.timestampSeconds()).isEqualTo(T / 1000));
  }

  @Test
  void laterIntervalsCountTheLagGaugeAndDescribeThePreviousPublish() {
    StatsdSelfMetrics self = new StatsdSelfMetrics(StatsdGraphiteNaming.DEFAULTS, T);
    self.addTo(interval(T, 7), T + L + 2_000, 1);
    self.published(T + L + 2_100, 40, 5_000);
    self.failed(T + 2 * L + 2_050);

    FlushedInterval next = self.addTo(interval(T + L, 7), T + 2 * L + 2_000, 3);

    assertThat(ownPoints(next))
        .containsEntry("stats.gauges.statsd.timestamp_lag", 0.0)
        .containsEntry("statsd.numStats", 8.0)
        .containsEntry("stats.statsd.graphiteStats.last_flush", (double) ((T + L + 2_000) / 1000))
        .containsEntry(
            "stats.statsd.graphiteStats.last_exception", (double) ((T + 2 * L + 2_000) / 1000))
        .containsEntry("stats.statsd.graphiteStats.flush_time", 40.0)
        .containsEntry("stats.statsd.graphiteStats.flush_length", 5_000.0);
  }

  @Test
  void catchUpClosingSeveralIntervalsAtOnceReportsANegativeLag() {
    StatsdSelfMetrics self = new StatsdSelfMetrics(StatsdGraphiteNaming.DEFAULTS, T);
    self.addTo(interval(T, 1), T + 5 * L, 1);

    assertThat(ownPoints(self.addTo(interval(T + L, 1), T + 5 * L, 1)))
        .containsEntry("stats.gauges.statsd.timestamp_lag", -10.0);
  }

  @Test
  void withoutLegacyNamespaceNamesFollowTheGlobalPrefixAndSuffix() {
    StatsdGraphiteNaming naming =
        new StatsdGraphiteNaming(false, "mosaic", "counters", "timers", "gauges", "sets", "sfx");
    StatsdSelfMetrics self = new StatsdSelfMetrics(naming, T);
    self.addTo(interval(T, 1), T + L + 2_000, 1);

    assertThat(ownPoints(self.addTo(interval(T + L, 1), T + 2 * L + 2_000, 1)).keySet())
        .containsExactlyInAnyOrder(
            "mosaic.statsd.numStats.sfx",
            "mosaic.statsd.graphiteStats.calculationtime.sfx",
            "mosaic.statsd.processing_time.sfx",
            "mosaic.statsd.graphiteStats.last_exception.sfx",
            "mosaic.statsd.graphiteStats.last_flush.sfx",
            "mosaic.statsd.graphiteStats.flush_time.sfx",
            "mosaic.statsd.graphiteStats.flush_length.sfx",
            "mosaic.gauges.statsd.timestamp_lag.sfx");
  }

  @Test
  void emptyGlobalPrefixLeavesTheStatsdComponentFirst() {
    StatsdGraphiteNaming naming =
        new StatsdGraphiteNaming(false, "", "counters", "timers", "gauges", "sets", "");

    assertThat(naming.numStats()).isEqualTo("statsd.numStats");
    assertThat(naming.own("graphiteStats.last_flush")).isEqualTo("statsd.graphiteStats.last_flush");
  }

  @Test
  void legacyNamespaceKeepsTheSuffixOnNumStats() {
    StatsdGraphiteNaming naming =
        new StatsdGraphiteNaming(true, "stats", "counters", "timers", "gauges", "sets", "sfx");

    assertThat(naming.numStats()).isEqualTo("statsd.numStats.sfx");
    assertThat(naming.own("processing_time")).isEqualTo("stats.statsd.processing_time.sfx");
  }
}
