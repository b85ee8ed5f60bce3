package dev.mosaic.aggregator.statsd;

import dev.mosaic.aggregator.rules.AggregationRules;
import dev.mosaic.contract.AggregatePoint;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The series an aggregator has seen and the gauges' levels, which outlive intervals: with Etsy's
 * defaults an idle counter, timer or set keeps reporting zero and a gauge its last level; the
 * {@link IdleSeriesPolicy} can make idle series of each type report nothing instead.
 *
 * <pre>
 *   IntervalState → SeriesRegistry#close → FlushedInterval (points named by StatsdGraphiteNaming)
 * </pre>
 */
final class SeriesRegistry {
  private final Set<String> counters = new TreeSet<>();
  private final Set<String> timers = new TreeSet<>();
  private final Set<String> sets = new TreeSet<>();
  private final Map<String, Double> gauges = new TreeMap<>();
  private final List<PercentileThreshold> percentiles;
  private final StatsdGraphiteNaming naming;
  private final IdleSeriesPolicy idle;
  private final TimerHistogramBins histograms;
  private final AggregationRules rules;
  private final Counter nonFinitePoints;

  SeriesRegistry(StatsdSettings settings, Counter nonFinitePoints) {
    this.percentiles = settings.percentiles();
    this.naming = settings.naming();
    this.idle = settings.idle();
    this.histograms = settings.histograms();
    this.rules = settings.rules();
    this.nonFinitePoints = nonFinitePoints;
  }

  /** Applies one interval to the known series and returns every point it reports. */
  FlushedInterval close(long startMillis, long lengthMillis, IntervalState state) {
    Set<String> reportedCounters =
        reported(counters, state.counters.keySet(), idle.deleteCounters());
    if (idle.deleteCounters()) {
      state.counters.keySet().stream().filter(idle::keepsIdleCounter).forEach(counters::add);
    }
    Set<String> reportedTimers = reported(timers, state.timers.keySet(), idle.deleteTimers());
    Set<String> reportedSets = reported(sets, state.sets.keySet(), idle.deleteSets());
    Map<String, Double> reportedGauges = gauges;
    if (idle.deleteGauges()) {
      reportedGauges = new TreeMap<>();
      for (Map.Entry<String, GaugeChange> change : state.gauges.entrySet()) {
        reportedGauges.put(change.getKey(), change.getValue().applyTo(null));
      }
    } else {
      state.gauges.forEach((name, change) -> gauges.put(name, change.applyTo(gauges.get(name))));
    }

    Points points = new Points(Math.floorDiv(startMillis, 1000), lengthMillis / 1000.0);
    for (String name : reportedCounters) {
      double[] count = state.counters.get(name);
      points.counter(name, count == null ? 0 : count[0]);
    }
    for (String name : reportedTimers) {
      points.timer(name, state.timers.get(name));
    }
    reportedGauges.forEach(
        (name, level) -> points.add(name, naming.gauge(name), level.doubleValue()));
    for (String name : reportedSets) {
      Set<String> members = state.sets.get(name);
      points.add(name, naming.setCount(name), members == null ? 0 : members.size());
    }
    points.applyRules();
    return new FlushedInterval(
        startMillis,
        lengthMillis,
        points.bySource(),
        reportedCounters.size()
            + reportedTimers.size()
            + reportedGauges.size()
            + reportedSets.size());
  }

  /**
   * The names to report: every known one when idle series are kept (this interval's are learnt
   * first), else this interval's plus the few still known.
   */
  private static Set<String> reported(
      Set<String> known, Set<String> thisInterval, boolean deleteIdle) {
    if (!deleteIdle) {
      known.addAll(thisInterval);
      return known;
    }
    Set<String> all = new TreeSet<>(thisInterval);
    all.addAll(known);
    return all;
  }

  /** Drops series this aggregator no longer owns, so it stops reporting them. */
  void forget(Predicate<String> sourceName) {
    counters.removeIf(sourceName);
    timers.removeIf(sourceName);
    sets.removeIf(sourceName);
    gauges.keySet().removeIf(sourceName);
  }

  int size() {
    return counters.size() + timers.size() + sets.size() + gauges.size();
  }

  /** One interval's points, grouped by source name in name order. */
  private final class Points {
    private final Map<String, List<AggregatePoint>> bySource = new TreeMap<>();
    private final long timestampSeconds;
    private final double seconds;

    Points(long timestampSeconds, double seconds) {
      this.timestampSeconds = timestampSeconds;
      this.seconds = seconds;
    }

    void counter(String name, double count) {
      add(name, naming.counterRate(name), count / seconds);
      add(name, naming.counterCount(name), count);
    }

    void timer(String name, TimerStatistics timer) {
      if (timer == null) {
        add(name, naming.timer(name, "count"), 0);
        add(name, naming.timer(name, "count_ps"), 0);
        return;
      }
      for (PercentileThreshold threshold : percentiles) {
        timer
            .threshold(threshold)
            .ifPresent(
                t -> {
                  String suffix = threshold.suffix();
                  add(name, naming.timer(name, "count_" + suffix), t.count());
                  add(name, naming.timer(name, "mean_" + suffix), t.mean());
                  add(name, naming.timer(name, threshold.boundaryField()), t.boundary());
                  add(name, naming.timer(name, "sum_" + suffix), t.sum());
                  add(name, naming.timer(name, "sum_squares_" + suffix), t.sumSquares());
                });
      }
      add(name, naming.timer(name, "std"), timer.std());
      add(name, naming.timer(name, "upper"), timer.upper());
      add(name, naming.timer(name, "lower"), timer.lower());
      add(name, naming.timer(name, "count"), timer.count());
      add(name, naming.timer(name, "count_ps"), timer.count() / seconds);
      add(name, naming.timer(name, "sum"), timer.sum());
      add(name, naming.timer(name, "sum_squares"), timer.sumSquares());
      add(name, naming.timer(name, "mean"), timer.mean());
      add(name, naming.timer(name, "median"), timer.median());
      long[] binCounts = timer.binCounts();
      String[] binFields = histograms.fieldsFor(name);
      for (int i = 0; i < binCounts.length; i++) {
        add(name, naming.timer(name, binFields[i]), binCounts[i]);
      }
    }

    void add(String source, String path, double value) {
      if (!Double.isFinite(value)) {
        // A sum can overflow to infinity; Graphite cannot store it and the contract forbids it.
        nonFinitePoints.increment();
        return;
      }
      bySource
          .computeIfAbsent(source, s -> new ArrayList<>())
          .add(new AggregatePoint(path, value, timestampSeconds));
    }

    /** Adds what the aggregation rules make of the points so far, each as its own series. */
    void applyRules() {
      List<AggregatePoint> all = new ArrayList<>();
      bySource.values().forEach(all::addAll);
      for (AggregatePoint output : rules.apply(all, timestampSeconds)) {
        add(output.name(), output.name(), output.value());
      }
    }

    List<SeriesAggregates> bySource() {
      List<SeriesAggregates> series = new ArrayList<>(bySource.size());
      bySource.forEach((source, list) -> series.add(new SeriesAggregates(source, list)));
      return series;
    }
  }
}
