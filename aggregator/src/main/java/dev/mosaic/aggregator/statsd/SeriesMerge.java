package dev.mosaic.aggregator.statsd;

import dev.mosaic.contract.AggregatePoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges two lists of series, each in name order with distinct names, into one in name order; a
 * name in both becomes one series with the first list's points, then the second's.
 *
 * <pre>
 *   counters, timers, gauges, sets (each in name order) → SeriesMerge → FlushedInterval#series
 * </pre>
 */
final class SeriesMerge {
  private SeriesMerge() {}

  static List<SeriesAggregates> byName(
      List<SeriesAggregates> first, List<SeriesAggregates> second) {
    if (second.isEmpty()) {
      return first;
    }
    if (first.isEmpty()) {
      return second;
    }
    List<SeriesAggregates> merged = new ArrayList<>(first.size() + second.size());
    int f = 0;
    int s = 0;
    while (f < first.size() && s < second.size()) {
      SeriesAggregates a = first.get(f);
      SeriesAggregates b = second.get(s);
      int order = a.sourceName().compareTo(b.sourceName());
      if (order < 0) {
        merged.add(a);
        f++;
      } else if (order > 0) {
        merged.add(b);
        s++;
      } else {
        List<AggregatePoint> points = new ArrayList<>(a.points().size() + b.points().size());
        points.addAll(a.points());
        points.addAll(b.points());
        merged.add(new SeriesAggregates(a.sourceName(), points));
        f++;
        s++;
      }
    }
    merged.addAll(first.subList(f, first.size()));
    merged.addAll(second.subList(s, second.size()));
    return merged;
  }
}
