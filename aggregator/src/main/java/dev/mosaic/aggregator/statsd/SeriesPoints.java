package dev.mosaic.aggregator.statsd;

import dev.mosaic.contract.AggregatePoint;
import io.micrometer.core.instrument.Counter;
import java.util.Arrays;
import java.util.List;

/**
 * Collects one series' points at a time while an interval is closed, dropping non-finite values,
 * and hands each series on as a {@link SeriesAggregates}; one buffer is reused for every series.
 *
 * <pre>
 *   SeriesRegistry → add(path, value) … finish(source) → SeriesAggregates
 * </pre>
 *
 * <p>Not thread-safe: one per close.
 */
final class SeriesPoints {
  private final long timestampSeconds;
  private final double seconds;
  private final Counter nonFinitePoints;
  private AggregatePoint[] buffer = new AggregatePoint[16];
  private int size;

  /**
   * @param timestampSeconds the interval start, stamped on every point
   * @param seconds the interval length, for rates
   * @param nonFinitePoints counts the values dropped
   */
  SeriesPoints(long timestampSeconds, double seconds, Counter nonFinitePoints) {
    this.timestampSeconds = timestampSeconds;
    this.seconds = seconds;
    this.nonFinitePoints = nonFinitePoints;
  }

  long timestampSeconds() {
    return timestampSeconds;
  }

  double seconds() {
    return seconds;
  }

  void add(String path, double value) {
    if (!Double.isFinite(value)) {
      // A sum can overflow to infinity; Graphite cannot store it and the contract forbids it.
      nonFinitePoints.increment();
      return;
    }
    if (size == buffer.length) {
      buffer = Arrays.copyOf(buffer, size * 2);
    }
    buffer[size++] = new AggregatePoint(path, value, timestampSeconds);
  }

  /**
   * Appends the points added since the last call as {@code source}'s series to {@code out}; a
   * series whose every value was dropped is left out.
   */
  void finish(String source, List<SeriesAggregates> out) {
    // Lists of one or two points (counters, gauges, sets) need no backing array.
    List<AggregatePoint> points =
        switch (size) {
          case 0 -> null;
          case 1 -> List.of(buffer[0]);
          case 2 -> List.of(buffer[0], buffer[1]);
          default -> List.of(Arrays.copyOf(buffer, size));
        };
    size = 0;
    if (points != null) {
      out.add(new SeriesAggregates(source, points));
    }
  }
}
