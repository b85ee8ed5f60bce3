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
 */
public record FlushedInterval(long startMillis, long lengthMillis, List<SeriesAggregates> series) {
  public FlushedInterval {
    series = List.copyOf(series);
  }

  public int pointCount() {
    return series.stream().mapToInt(s -> s.points().size()).sum();
  }
}
