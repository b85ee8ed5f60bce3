package dev.mosaic.aggregator.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.aggregator.rules.AggregationRuleFile;
import dev.mosaic.aggregator.rules.AggregationRules;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.MetricSample;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SeriesRegistryTest {
  private static final long T = 1_700_000_000_000L;
  private static final long L = 10_000;

  private static SeriesRegistry registry(IdleSeriesPolicy idle) {
    return registry(idle, StatsdGraphiteNaming.DEFAULTS, TimerHistogramBins.NONE);
  }

  private static SeriesRegistry registry(
      IdleSeriesPolicy idle, StatsdGraphiteNaming naming, TimerHistogramBins histograms) {
    return new SeriesRegistry(
        new StatsdSettings(List.of(), 128, naming, idle, histograms, AggregationRules.NONE),
        new SimpleMeterRegistry().counter("non_finite"));
  }

  private static Map<String, Double> close(
      SeriesRegistry registry, TimerHistogramBins histograms, MetricSample... samples) {
    IntervalState state = new IntervalState(128, histograms);
    for (MetricSample sample : samples) {
      state.add(sample);
    }
    Map<String, Double> points = new TreeMap<>();
    for (SeriesAggregates series : registry.close(T, L, state).series()) {
      for (AggregatePoint point : series.points()) {
        points.put(point.name(), point.value());
      }
    }
    return points;
  }

  private static Map<String, Double> close(SeriesRegistry registry, MetricSample... samples) {
    return close(registry, TimerHistogramBins.NONE, samples);
  }

  @Test
  void statsdSeriesCountsEachNameOfEachTypeOnceIncludingIdleOnesAsEtsysNumStats() {
    SeriesRegistry registry = registry(new IdleSeriesPolicy(false, false, false, false));
    IntervalState first = new IntervalState(128, TimerHistogramBins.NONE);
    first.add(MetricSample.counter("x", 1, 1.0, T));
    first.add(MetricSample.timer("x", 5, 1.0, T));
    first.add(MetricSample.gauge("g", 3, T));
    first.add(MetricSample.set("s", "m", T));
    first.add(MetricSample.counter("idle", 1, 1.0, T));
    assertThat(registry.close(T, L, first).statsdSeries()).isEqualTo(5);

    IntervalState second = new IntervalState(128, TimerHistogramBins.NONE);
    second.add(MetricSample.counter("x", 1, 1.0, T + L));
    assertThat(registry.close(T + L, L, second).statsdSeries()).isEqualTo(5);
  }

  @Test
  void deletedIdleSeriesReportNothingTheNextInterval() {
    SeriesRegistry registry = registry(new IdleSeriesPolicy(true, true, true, true));
    close(
        registry,
        MetricSample.counter("hits", 1, 1.0, T),
        MetricSample.timer("latency", 5, 1.0, T),
        MetricSample.gauge("pool", 3, T),
        MetricSample.set("users", "a", T));

    assertThat(close(registry)).isEmpty();
    assertThat(registry.size()).isZero();
  }

  @Test
  void deletedGaugeForgetsItsLevelSoADeltaStartsFromNothing() {
    SeriesRegistry registry = registry(new IdleSeriesPolicy(false, false, true, false));
    close(registry, MetricSample.gauge("pool", 10, T));

    assertThat(close(registry, MetricSample.gaugeDelta("pool", -3, T + L)))
        .containsExactlyEntriesOf(Map.of("stats.gauges.pool", -3.0));
  }

  @Test
  void keptGaugeAppliesTheDeltaToItsLevel() {
    SeriesRegistry registry = registry(IdleSeriesPolicy.KEEP_ALL);
    close(registry, MetricSample.gauge("pool", 10, T));

    assertThat(close(registry, MetricSample.gaugeDelta("pool", -3, T + L)))
        .containsExactlyEntriesOf(Map.of("stats.gauges.pool", 7.0));
  }

  @Test
  void eachDeleteFlagOnlyAffectsItsType() {
    SeriesRegistry registry = registry(new IdleSeriesPolicy(false, true, false, false));
    close(
        registry,
        MetricSample.counter("hits", 1, 1.0, T),
        MetricSample.timer("latency", 5, 1.0, T),
        MetricSample.gauge("pool", 3, T),
        MetricSample.set("users", "a", T));

    assertThat(close(registry))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "stats.hits", 0.0,
                "stats_counts.hits", 0.0,
                "stats.gauges.pool", 3.0,
                "stats.sets.users.count", 0.0));
  }

  @Test
  void deletedCountersKeepThoseNamedLikeStatsdsOwnAsEtsyDoes() {
    SeriesRegistry registry = registry(new IdleSeriesPolicy(true, false, false, false));
    close(
        registry,
        MetricSample.counter("hits", 1, 1.0, T),
        MetricSample.counter("app.packets_received", 1, 1.0, T));

    assertThat(close(registry))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("stats.app.packets_received", 0.0, "stats_counts.app.packets_received", 0.0));
  }

  @Test
  void seriesComeInNameOrderAndANameOfTwoTypesIsOneSeriesCountersFirst() {
    SeriesRegistry registry = registry(IdleSeriesPolicy.KEEP_ALL);
    IntervalState first = new IntervalState(128, TimerHistogramBins.NONE);
    first.add(MetricSample.set("b", "m", T));
    first.add(MetricSample.counter("c", 1, 1.0, T));
    first.add(MetricSample.gauge("a", 1, T));
    first.add(MetricSample.counter("b", 2, 1.0, T));

    FlushedInterval closed = registry.close(T, L, first);

    assertThat(closed.series())
        .extracting(SeriesAggregates::sourceName)
        .containsExactly("a", "b", "c");
    assertThat(closed.series().get(1).points())
        .extracting(AggregatePoint::name)
        .containsExactly("stats.b", "stats_counts.b", "stats.sets.b.count");

    IntervalState second = new IntervalState(128, TimerHistogramBins.NONE);
    second.add(MetricSample.counter("ab", 1, 1.0, T + L));
    second.add(MetricSample.counter("0", 1, 1.0, T + L));
    assertThat(registry.close(T + L, L, second).series())
        .extracting(SeriesAggregates::sourceName)
        .containsExactly("0", "a", "ab", "b", "c");
  }

  @Test
  void timerHistogramBinsAreWrittenUnderTheConfiguredNaming() {
    TimerHistogramBins bins = TimerHistogramBins.parse("api=10,100.5,inf");
    StatsdGraphiteNaming naming =
        new StatsdGraphiteNaming(false, "stats", "counters", "timers", "gauges", "sets", "x");
    SeriesRegistry registry = registry(IdleSeriesPolicy.KEEP_ALL, naming, bins);

    Map<String, Double> points =
        close(
            registry,
            bins,
            MetricSample.timer("api.get", 5, 1.0, T),
            MetricSample.timer("api.get", 50, 1.0, T),
            MetricSample.timer("api.get", 500, 1.0, T),
            MetricSample.timer("other", 5, 1.0, T),
            MetricSample.counter("hits", 4, 1.0, T));

    assertThat(points)
        .containsEntry("stats.timers.api.get.histogram.bin_10.x", 1.0)
        .containsEntry("stats.timers.api.get.histogram.bin_100_5.x", 1.0)
        .containsEntry("stats.timers.api.get.histogram.bin_inf.x", 1.0)
        .containsEntry("stats.timers.api.get.count.x", 3.0)
        .containsEntry("stats.counters.hits.rate.x", 0.4)
        .containsEntry("stats.counters.hits.count.x", 4.0);
    assertThat(points.keySet()).noneMatch(name -> name.startsWith("stats.timers.other.histogram"));
    // An idle timer has no values, so no bins, as in Etsy.
    assertThat(close(registry, bins))
        .containsOnlyKeys(
            "stats.timers.api.get.count.x",
            "stats.timers.api.get.count_ps.x",
            "stats.timers.other.count.x",
            "stats.timers.other.count_ps.x",
            "stats.counters.hits.rate.x",
            "stats.counters.hits.count.x");
  }

  @Test
  void aggregationRulesAddTheirOutputsAsSeriesOfTheirOwn() throws Exception {
    Path file = Files.createTempFile("rules", ".conf");
    Files.writeString(file, "all.hits (10) = sum stats_counts.*.hits\n");
    AggregationRules rules = AggregationRuleFile.read(file, 10);
    Files.delete(file);
    SeriesRegistry registry =
        new SeriesRegistry(
            new StatsdSettings(
                List.of(),
                128,
                StatsdGraphiteNaming.DEFAULTS,
                IdleSeriesPolicy.KEEP_ALL,
                TimerHistogramBins.NONE,
                rules),
            new SimpleMeterRegistry().counter("non_finite"));
    IntervalState state = new IntervalState(128, TimerHistogramBins.NONE);
    state.add(MetricSample.counter("web1.hits", 3, 1.0, T));
    state.add(MetricSample.counter("web2.hits", 4, 0.5, T));

    FlushedInterval interval = registry.close(T, L, state);

    assertThat(interval.series())
        .filteredOn(series -> series.sourceName().equals("all.hits"))
        .singleElement()
        .extracting(SeriesAggregates::points)
        .isEqualTo(List.of(new AggregatePoint("all.hits", 11, T / 1000)));
  }
}
