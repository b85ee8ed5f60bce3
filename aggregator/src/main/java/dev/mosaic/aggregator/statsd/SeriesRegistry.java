package dev.mosaic.aggregator.statsd;

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
 * defaults an idle counter, timer or set keeps reporting zero and a gauge its last level.
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
  private final Counter nonFinitePoints;

  SeriesRegistry(List<PercentileThreshold> percentiles, Counter nonFinitePoints) {
    this.percentiles = List.copyOf(percentiles);
    this.nonFinitePoints = nonFinitePoints;
  }

  /** Applies one interval to the known series and returns every point it reports. */
  FlushedInterval close(long startMillis, long lengthMillis, IntervalState state) {
    counters.addAll(state.counters.keySet());
    timers.addAll(state.timers.keySet());
    sets.addAll(state.sets.keySet());
    state.gauges.forEach((name, change) -> gauges.put(name, change.applyTo(gauges.get(name))));

    Points points = new Points(Math.floorDiv(startMillis, 1000), lengthMillis / 1000.0);
    for (String name : counters) {
      double[] count = state.counters.get(name);
      points.counter(name, count == null ? 0 : count[0]);
    }
    for (String name : timers) {
      points.timer(name, state.timers.get(name));
    }
    gauges.forEach(
        (name, level) -> points.add(name, StatsdGraphiteNaming.gauge(name), level.doubleValue()));
    for (String name : sets) {
      Set<String> members = state.sets.get(name);
      points.add(name, StatsdGraphiteNaming.setCount(name), members == null ? 0 : members.size());
    }
    return new FlushedInterval(startMillis, lengthMillis, points.bySource());
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
      add(name, StatsdGraphiteNaming.counterRate(name), count / seconds);
      add(name, StatsdGraphiteNaming.counterCount(name), count);
    }

    void timer(String name, TimerStatistics timer) {
      if (timer == null) {
        add(name, StatsdGraphiteNaming.timer(name, "count"), 0);
        add(name, StatsdGraphiteNaming.timer(name, "count_ps"), 0);
        return;
      }
      for (PercentileThreshold threshold : percentiles) {
        timer
            .threshold(threshold)
            .ifPresent(
                t -> {
                  String suffix = threshold.suffix();
                  add(name, StatsdGraphiteNaming.timer(name, "count_" + suffix), t.count());
                  add(name, StatsdGraphiteNaming.timer(name, "mean_" + suffix), t.mean());
                  add(
                      name,
                      StatsdGraphiteNaming.timer(name, threshold.boundaryField()),
                      t.boundary());
                  add(name, StatsdGraphiteNaming.timer(name, "sum_" + suffix), t.sum());
                  add(
                      name,
                      StatsdGraphiteNaming.timer(name, "sum_squares_" + suffix),
                      t.sumSquares());
                });
      }
      add(name, StatsdGraphiteNaming.timer(name, "std"), timer.std());
      add(name, StatsdGraphiteNaming.timer(name, "upper"), timer.upper());
      add(name, StatsdGraphiteNaming.timer(name, "lower"), timer.lower());
      add(name, StatsdGraphiteNaming.timer(name, "count"), timer.count());
      add(name, StatsdGraphiteNaming.timer(name, "count_ps"), timer.count() / seconds);
      add(name, StatsdGraphiteNaming.timer(name, "sum"), timer.sum());
      add(name, StatsdGraphiteNaming.timer(name, "sum_squares"), timer.sumSquares());
      add(name, StatsdGraphiteNaming.timer(name, "mean"), timer.mean());
      add(name, StatsdGraphiteNaming.timer(name, "median"), timer.median());
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

    List<SeriesAggregates> bySource() {
      List<SeriesAggregates> series = new ArrayList<>(bySource.size());
      bySource.forEach((source, list) -> series.add(new SeriesAggregates(source, list)));
      return series;
    }
  }
}
