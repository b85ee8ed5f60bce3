package dev.mosaic.aggregator.statsd;

import dev.mosaic.contract.MetricSample;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything one aligned interval received, per series, before it is flushed.
 *
 * <pre>
 *   MetricSample → IntervalAggregator → IntervalState (one per open interval) → SeriesRegistry
 * </pre>
 */
final class IntervalState {
  final Map<String, double[]> counters = new HashMap<>();
  final Map<String, TimerStatistics> timers = new HashMap<>();
  final Map<String, GaugeChange> gauges = new HashMap<>();
  final Map<String, Set<String>> sets = new HashMap<>();
  private final int exactTimerSamples;
  private final TimerHistogramBins histograms;

  IntervalState(int exactTimerSamples, TimerHistogramBins histograms) {
    this.exactTimerSamples = exactTimerSamples;
    this.histograms = histograms;
  }

  /** Adds a sample already checked to be valid. */
  void add(MetricSample sample) {
    String name = sample.name();
    switch (sample.type()) {
      case COUNTER ->
          counters.computeIfAbsent(name, n -> new double[1])[0] +=
              sample.value() * (1 / sample.sampleRate());
      case TIMER ->
          timers
              .computeIfAbsent(
                  name, n -> new TimerStatistics(exactTimerSamples, histograms.boundsFor(n)))
              .record(sample.value(), sample.sampleRate());
      case GAUGE -> {
        GaugeChange change = gauges.computeIfAbsent(name, n -> new GaugeChange());
        if (sample.delta()) {
          change.add(sample.value());
        } else {
          change.set(sample.value());
        }
      }
      case SET -> sets.computeIfAbsent(name, n -> new HashSet<>()).add(sample.member());
    }
  }
}
