package dev.mosaic.aggregator.statsd;

import dev.mosaic.aggregator.rules.AggregationRules;
import java.util.List;

/**
 * The Etsy StatsD settings that decide what an interval reports and under which names.
 *
 * <pre>
 *   AggregatorSettings → StatsdSettings → IntervalAggregator → IntervalState, SeriesRegistry
 * </pre>
 *
 * @param percentiles timer thresholds (Etsy's {@code percentThreshold}), possibly none
 * @param exactTimerSamples timer values per series and interval kept raw, at least 1
 * @param naming the Graphite paths ({@code legacyNamespace}, prefixes, suffix)
 * @param idle which idle series keep reporting ({@code deleteIdleStats} and friends)
 * @param histograms timer {@code histogram} bins
 * @param rules carbon-aggregator rules applied to each interval's points
 */
public record StatsdSettings(
    List<PercentileThreshold> percentiles,
    int exactTimerSamples,
    StatsdGraphiteNaming naming,
    IdleSeriesPolicy idle,
    TimerHistogramBins histograms,
    AggregationRules rules) {
  public StatsdSettings {
    percentiles = List.copyOf(percentiles);
    if (exactTimerSamples < 1) {
      throw new IllegalArgumentException("exactTimerSamples must be at least 1");
    }
  }

  /** Etsy's defaults for everything but the thresholds and the exact bound; no rules. */
  public static StatsdSettings defaults(List<PercentileThreshold> percentiles, int exactSamples) {
    return new StatsdSettings(
        percentiles,
        exactSamples,
        StatsdGraphiteNaming.DEFAULTS,
        IdleSeriesPolicy.KEEP_ALL,
        TimerHistogramBins.NONE,
        AggregationRules.NONE);
  }
}
