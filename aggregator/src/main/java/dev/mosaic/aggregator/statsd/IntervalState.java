package dev.mosaic.aggregator.statsd;

import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.MetricType;
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

  // The series of the previous sample, compared by reference: the samples of one run of a
  // samples record share one name instance (SampleBatchSerde), so a run costs one map lookup.
  // Another instance of an equal name only costs the lookup this saves.
  private String lastName;
  private MetricType lastType;
  private Object lastSeries;

  IntervalState(int exactTimerSamples, TimerHistogramBins histograms) {
    this.exactTimerSamples = exactTimerSamples;
    this.histograms = histograms;
  }

  /** Adds a sample already checked to be valid. */
  @SuppressWarnings("unchecked")
  void add(MetricSample sample) {
    String name = sample.name();
    MetricType type = sample.type();
    Object series = name == lastName && type == lastType ? lastSeries : lookUp(name, type);
    switch (type) {
      case COUNTER -> ((double[]) series)[0] += sample.value() * (1 / sample.sampleRate());
      case TIMER -> ((TimerStatistics) series).record(sample.value(), sample.sampleRate());
      case GAUGE -> {
        GaugeChange change = (GaugeChange) series;
        if (sample.delta()) {
          change.add(sample.value());
        } else {
          change.set(sample.value());
        }
      }
      case SET -> ((Set<String>) series).add(sample.member());
    }
  }

  /** The series' state in this interval, created if new; remembered for the next sample. */
  private Object lookUp(String name, MetricType type) {
    lastSeries =
        switch (type) {
          case COUNTER -> counters.computeIfAbsent(name, n -> new double[1]);
          case TIMER ->
              timers.computeIfAbsent(
                  name, n -> new TimerStatistics(exactTimerSamples, histograms.boundsFor(n)));
          case GAUGE -> gauges.computeIfAbsent(name, n -> new GaugeChange());
          case SET -> sets.computeIfAbsent(name, n -> new HashSet<>());
        };
    lastName = name;
    lastType = type;
    return lastSeries;
  }
}
