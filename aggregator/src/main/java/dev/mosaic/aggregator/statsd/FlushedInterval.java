package dev.mosaic.aggregator.statsd;

import java.util.List;

/**
 * Every point of one closed interval, grouped by source metric.
 *
 * <pre>
 *   IntervalAggregator#flushNext → FlushedInterval → AggregatePublisher → AggregateBatch per partition
 * </pre>
 *
 * @param startMillis the interval start, a multiple of {@code lengthMillis} since the epoch
 * @param lengthMillis the interval length
 * @param series one entry per source metric, ordered by name
 * @param statsdSeries how many StatsD series (counters, timers, gauges, sets, each name of each
 *     type once) the interval reports: what Etsy counts in {@code numStats}
 */
public record FlushedInterval(
    long startMillis, long lengthMillis, List<SeriesAggregates> series, int statsdSeries) {
  public FlushedInterval {
    series = List.copyOf(series);
  }

  /** An interval whose every entry is one StatsD series. */
  public FlushedInterval(long startMillis, long lengthMillis, List<SeriesAggregates> series) {
    this(startMillis, lengthMillis, series, series.size());
  }

  public int pointCount() {
    return series.stream().mapToInt(s -> s.points().size()).sum();
  }
}
