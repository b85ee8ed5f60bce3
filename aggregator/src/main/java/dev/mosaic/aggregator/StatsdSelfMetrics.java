package dev.mosaic.aggregator;

import dev.mosaic.aggregator.statsd.FlushedInterval;
import dev.mosaic.aggregator.statsd.SeriesAggregates;
import dev.mosaic.aggregator.statsd.StatsdGraphiteNaming;
import dev.mosaic.contract.AggregatePoint;
import java.util.ArrayList;
import java.util.List;

/**
 * What Etsy StatsD 0.9's Graphite backend writes about itself every flush, under the same names,
 * with mosaic's equivalents as values; added to each interval before it is published.
 *
 * <pre>
 *   IntervalAggregator#flushNext → StatsdSelfMetrics#addTo → AggregatePublisher → published / failed
 * </pre>
 *
 * <ul>
 *   <li>{@code statsd.numStats}: the counters, timers, gauges and sets the interval reports, each
 *       name of each type once, plus {@code statsd.timestamp_lag} once it is written — as Etsy
 *       counts them.
 *   <li>{@code graphiteStats.calculationtime} and {@code processing_time}: milliseconds spent
 *       closing the interval (statistics and names; Etsy measures them in two steps).
 *   <li>{@code graphiteStats.last_flush}: epoch seconds of the last committed publish (the start
 *       time before the first); {@code last_exception}: of the last aborted one, 0 if none; {@code
 *       flush_time}: how long the last committed publish took, ms; {@code flush_length}: the bytes
 *       of its aggregates records. As in Etsy they describe the previous flush.
 *   <li>{@code stats.gauges.statsd.timestamp_lag}: seconds between this interval's close and the
 *       previous one's, minus the interval: 0 on schedule, negative during a catch-up. Not written
 *       for the first interval, as in Etsy.
 * </ul>
 *
 * <p>Not thread-safe: the aggregation thread owns it.
 */
final class StatsdSelfMetrics {
  /** Every point is grouped under this source name, so all go to one aggregates partition. */
  static final String SOURCE = "statsd.numStats";

  private static final String TIMESTAMP_LAG = "statsd.timestamp_lag";

  private final StatsdGraphiteNaming naming;
  private long lastFlushSeconds;
  private long lastExceptionSeconds;
  private long flushTimeMillis;
  private long flushLengthBytes;
  private long previousCloseSeconds = Long.MIN_VALUE;

  StatsdSelfMetrics(StatsdGraphiteNaming naming, long startedAtMillis) {
    this.naming = naming;
    this.lastFlushSeconds = Math.round(startedAtMillis / 1000.0);
  }

  /**
   * @param closedAtMillis when the interval was closed
   * @param calculationMillis how long closing it took
   * @return the interval with StatsD's own points added as one more series
   */
  FlushedInterval addTo(FlushedInterval interval, long closedAtMillis, long calculationMillis) {
    long timestamp = Math.floorDiv(interval.startMillis(), 1000);
    long closedSeconds = Math.round(closedAtMillis / 1000.0);
    List<AggregatePoint> points = new ArrayList<>();
    int numStats = interval.statsdSeries();
    if (previousCloseSeconds != Long.MIN_VALUE) {
      long lag = closedSeconds - previousCloseSeconds - interval.lengthMillis() / 1000;
      points.add(new AggregatePoint(naming.gauge(TIMESTAMP_LAG), lag, timestamp));
      numStats++;
    }
    previousCloseSeconds = closedSeconds;
    points.add(new AggregatePoint(naming.numStats(), numStats, timestamp));
    points.add(
        new AggregatePoint(
            naming.own("graphiteStats.calculationtime"), calculationMillis, timestamp));
    points.add(new AggregatePoint(naming.own("processing_time"), calculationMillis, timestamp));
    points.add(
        new AggregatePoint(
            naming.own("graphiteStats.last_exception"), lastExceptionSeconds, timestamp));
    points.add(
        new AggregatePoint(naming.own("graphiteStats.last_flush"), lastFlushSeconds, timestamp));
    points.add(
        new AggregatePoint(naming.own("graphiteStats.flush_time"), flushTimeMillis, timestamp));
    points.add(
        new AggregatePoint(naming.own("graphiteStats.flush_length"), flushLengthBytes, timestamp));
    List<SeriesAggregates> series = new ArrayList<>(interval.series());
    series.add(new SeriesAggregates(SOURCE, points));
    return new FlushedInterval(
        interval.startMillis(), interval.lengthMillis(), series, interval.statsdSeries());
  }

  /** A publish committed at {@code atMillis} after {@code tookMillis}, writing {@code bytes}. */
  void published(long atMillis, long tookMillis, long bytes) {
    lastFlushSeconds = Math.round(atMillis / 1000.0);
    flushTimeMillis = tookMillis;
    flushLengthBytes = bytes;
  }

  /** A publish aborted at {@code atMillis}. */
  void failed(long atMillis) {
    lastExceptionSeconds = Math.round(atMillis / 1000.0);
  }
}
