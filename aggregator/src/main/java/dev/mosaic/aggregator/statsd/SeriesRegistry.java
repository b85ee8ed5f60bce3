package dev.mosaic.aggregator.statsd;

import dev.mosaic.aggregator.rules.AggregationRules;
import dev.mosaic.contract.AggregatePoint;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The series an aggregator has seen and the gauges' levels, which outlive intervals: with Etsy's
 * defaults an idle counter, timer or set keeps reporting zero and a gauge its last level; the
 * {@link IdleSeriesPolicy} can make idle series of each type report nothing instead.
 *
 * <pre>
 *   IntervalState → SeriesRegistry#close → FlushedInterval (points named by StatsdGraphiteNaming)
 * </pre>
 *
 * <p>Each type's series are kept in name order ({@link KnownSeries}), so closing an interval builds
 * each type's points in name order and merges the four lists; a name used by two types (a counter
 * and a timer both called {@code api}) becomes one {@link SeriesAggregates} with the counter's
 * points first, then the timer's, gauge's and set's, then any rule output of that name.
 */
final class SeriesRegistry {
  private static final Predicate<String> KEEP_NONE = name -> false;

  private final KnownSeries<double[]> counters = new KnownSeries<>();
  private final KnownSeries<TimerStatistics> timers = new KnownSeries<>();
  private final KnownSeries<GaugeChange> gauges = new KnownSeries<>();
  private final KnownSeries<Set<String>> sets = new KnownSeries<>();
  private final List<PercentileThreshold> percentiles;

  /** Per threshold: its count, mean, boundary, sum and sum-of-squares fields, built once. */
  private final String[][] thresholdFields;

  private final StatsdGraphiteNaming naming;
  private final IdleSeriesPolicy idle;
  private final TimerHistogramBins histograms;
  private final AggregationRules rules;
  private final Counter nonFinitePoints;
  private final SeriesChangelog changelog = new SeriesChangelog();

  SeriesRegistry(StatsdSettings settings, Counter nonFinitePoints) {
    this.percentiles = settings.percentiles();
    this.thresholdFields =
        percentiles.stream()
            .map(
                p ->
                    new String[] {
                      "count_" + p.suffix(),
                      "mean_" + p.suffix(),
                      p.boundaryField(),
                      "sum_" + p.suffix(),
                      "sum_squares_" + p.suffix()
                    })
            .toArray(String[][]::new);
    this.naming = settings.naming();
    this.idle = settings.idle();
    this.histograms = settings.histograms();
    this.rules = settings.rules();
    this.nonFinitePoints = nonFinitePoints;
  }

  /** Applies one interval to the known series and returns every point it reports. */
  FlushedInterval close(long startMillis, long lengthMillis, IntervalState state) {
    long timestampSeconds = Math.floorDiv(startMillis, 1000);
    double seconds = lengthMillis / 1000.0;
    // The types share nothing until the merge, so timers and sets are closed on another core
    // (ForkJoinPool's common pool) while this thread closes counters and gauges.
    ForkJoinTask<TwoTypes> timersAndSets =
        ForkJoinTask.adapt(
                () -> {
                  SeriesPoints points =
                      new SeriesPoints(timestampSeconds, seconds, nonFinitePoints);
                  return new TwoTypes(closeTimers(state, points), closeSets(state, points));
                })
            .fork();
    SeriesPoints points = new SeriesPoints(timestampSeconds, seconds, nonFinitePoints);
    List<SeriesAggregates> counterSeries = closeCounters(state, points);
    List<SeriesAggregates> gaugeSeries = closeGauges(state, points);
    TwoTypes forked = timersAndSets.join();
    List<SeriesAggregates> all =
        SeriesMerge.byName(
            SeriesMerge.byName(counterSeries, forked.first()),
            SeriesMerge.byName(gaugeSeries, forked.second()));
    if (!rules.rules().isEmpty()) {
      all = SeriesMerge.byName(all, ruleSeries(all, points));
    }
    return new FlushedInterval(
        startMillis,
        lengthMillis,
        all,
        counterSeries.size() + forked.first().size() + gaugeSeries.size() + forked.second().size());
  }

  /** What a forked close hands back: two types' series, each in name order. */
  private record TwoTypes(List<SeriesAggregates> first, List<SeriesAggregates> second) {}

  private List<SeriesAggregates> closeCounters(IntervalState state, SeriesPoints points) {
    List<SeriesAggregates> series = new ArrayList<>(counters.size() + state.counters.size());
    counters.close(
        state.counters,
        entry -> {
          String name = entry.name;
          if (entry.path == null) {
            entry.path = naming.counterRate(name);
            entry.secondPath = naming.counterCount(name);
          }
          double count = entry.current == null ? 0 : entry.current[0];
          points.add(entry.path, count / points.seconds());
          points.add(entry.secondPath, count);
          points.finish(name, series);
          if (entry.learnt) {
            changelog.learnt(SeriesChangelog.COUNTER, name);
          }
        },
        !idle.deleteCounters(),
        idle::keepsIdleCounter,
        forgotten(SeriesChangelog.COUNTER));
    return series;
  }

  private List<SeriesAggregates> closeTimers(IntervalState state, SeriesPoints points) {
    List<SeriesAggregates> series = new ArrayList<>(timers.size() + state.timers.size());
    timers.close(
        state.timers,
        entry -> {
          timer(entry.name, entry.current, points);
          points.finish(entry.name, series);
          if (entry.learnt) {
            changelog.learnt(SeriesChangelog.TIMER, entry.name);
          }
        },
        !idle.deleteTimers(),
        KEEP_NONE,
        forgotten(SeriesChangelog.TIMER));
    return series;
  }

  private void timer(String name, TimerStatistics timer, SeriesPoints points) {
    if (timer == null) {
      points.add(naming.timer(name, "count"), 0);
      points.add(naming.timer(name, "count_ps"), 0);
      return;
    }
    for (int i = 0; i < percentiles.size(); i++) {
      var threshold = timer.threshold(percentiles.get(i));
      if (threshold.isPresent()) {
        ThresholdStatistics t = threshold.get();
        String[] fields = thresholdFields[i];
        points.add(naming.timer(name, fields[0]), t.count());
        points.add(naming.timer(name, fields[1]), t.mean());
        points.add(naming.timer(name, fields[2]), t.boundary());
        points.add(naming.timer(name, fields[3]), t.sum());
        points.add(naming.timer(name, fields[4]), t.sumSquares());
      }
    }
    points.add(naming.timer(name, "std"), timer.std());
    points.add(naming.timer(name, "upper"), timer.upper());
    points.add(naming.timer(name, "lower"), timer.lower());
    points.add(naming.timer(name, "count"), timer.count());
    points.add(naming.timer(name, "count_ps"), timer.count() / points.seconds());
    points.add(naming.timer(name, "sum"), timer.sum());
    points.add(naming.timer(name, "sum_squares"), timer.sumSquares());
    points.add(naming.timer(name, "mean"), timer.mean());
    points.add(naming.timer(name, "median"), timer.median());
    long[] binCounts = timer.binCounts();
    if (binCounts.length > 0) {
      String[] binFields = histograms.fieldsFor(name);
      for (int i = 0; i < binCounts.length; i++) {
        points.add(naming.timer(name, binFields[i]), binCounts[i]);
      }
    }
  }

  private List<SeriesAggregates> closeGauges(IntervalState state, SeriesPoints points) {
    List<SeriesAggregates> series = new ArrayList<>(gauges.size() + state.gauges.size());
    // A deleted gauge forgets its level with its entry, so a later delta starts from nothing.
    gauges.close(
        state.gauges,
        entry -> {
          if (entry.current != null) {
            double level = entry.current.applyTo(entry.level);
            if (entry.learnt || Double.compare(level, entry.level) != 0) {
              changelog.level(entry.name, level);
            }
            entry.level = level;
          }
          if (entry.path == null) {
            entry.path = naming.gauge(entry.name);
          }
          points.add(entry.path, entry.level);
          points.finish(entry.name, series);
        },
        !idle.deleteGauges(),
        KEEP_NONE,
        forgotten(SeriesChangelog.GAUGE));
    return series;
  }

  private List<SeriesAggregates> closeSets(IntervalState state, SeriesPoints points) {
    List<SeriesAggregates> series = new ArrayList<>(sets.size() + state.sets.size());
    sets.close(
        state.sets,
        entry -> {
          if (entry.path == null) {
            entry.path = naming.setCount(entry.name);
          }
          points.add(entry.path, entry.current == null ? 0 : entry.current.size());
          points.finish(entry.name, series);
          if (entry.learnt) {
            changelog.learnt(SeriesChangelog.SET, entry.name);
          }
        },
        !idle.deleteSets(),
        KEEP_NONE,
        forgotten(SeriesChangelog.SET));
    return series;
  }

  /** What the aggregation rules make of the interval's points, each output as its own series. */
  private List<SeriesAggregates> ruleSeries(List<SeriesAggregates> all, SeriesPoints points) {
    List<AggregatePoint> inputs = new ArrayList<>();
    all.forEach(series -> inputs.addAll(series.points()));
    List<SeriesAggregates> outputs = new ArrayList<>();
    for (AggregatePoint output : rules.apply(inputs, points.timestampSeconds())) {
      points.add(output.name(), output.value());
      points.finish(output.name(), outputs);
    }
    return outputs;
  }

  /** Records a series an idle policy deletes, unless it never reached the changelog. */
  private <V> Consumer<KnownSeries.Entry<V>> forgotten(String type) {
    return entry -> changelog.forgotten(type, entry.name, !entry.learnt);
  }

  /** The changelog records of the intervals closed since the last call. */
  Map<String, byte[]> drainChanges() {
    return changelog.drain();
  }

  /**
   * Knows the series of {@code records} (the latest changelog record per key) from now on, gauges
   * with their level, without recording them again.
   *
   * @return how many records were unreadable (an unknown type or a bad level) and skipped
   */
  int restore(Map<String, byte[]> records) {
    List<String> counterNames = new ArrayList<>();
    List<String> timerNames = new ArrayList<>();
    List<String> setNames = new ArrayList<>();
    Map<String, Double> levels = new HashMap<>();
    int unreadable = 0;
    for (Map.Entry<String, byte[]> record : records.entrySet()) {
      String name = SeriesChangelog.sourceName(record.getKey());
      if (record.getValue() == null) {
        continue;
      }
      switch (SeriesChangelog.typeOf(record.getKey())) {
        case SeriesChangelog.COUNTER -> counterNames.add(name);
        case SeriesChangelog.TIMER -> timerNames.add(name);
        case SeriesChangelog.SET -> setNames.add(name);
        case SeriesChangelog.GAUGE -> {
          try {
            levels.put(name, SeriesChangelog.decodeLevel(record.getValue()));
          } catch (IllegalArgumentException e) {
            unreadable++;
          }
        }
        default -> unreadable++;
      }
    }
    counters.restore(counterNames);
    timers.restore(timerNames);
    sets.restore(setNames);
    gauges.restore(levels.keySet());
    levels.forEach((name, level) -> gauges.get(name).level = level);
    return unreadable;
  }

  /** Drops series this aggregator no longer owns, so it stops reporting them. */
  void forget(Predicate<String> sourceName) {
    counters.forget(sourceName);
    timers.forget(sourceName);
    sets.forget(sourceName);
    gauges.forget(sourceName);
  }

  int size() {
    return counters.size() + timers.size() + sets.size() + gauges.size();
  }
}
