package dev.mosaic.aggregator.statsd;

/**
 * Which idle series keep reporting: Etsy StatsD's {@code deleteCounters}, {@code deleteTimers},
 * {@code deleteGauges} and {@code deleteSets} (all four default to {@code deleteIdleStats}).
 *
 * <pre>
 *   AggregatorSettings → IdleSeriesPolicy → SeriesRegistry#close (which series an interval reports)
 * </pre>
 *
 * <p>A kept idle counter reports 0, a timer {@code count} and {@code count_ps} 0, a set {@code
 * count} 0 and a gauge its last level. A deleted one reports only in intervals that received it; a
 * deleted gauge also forgets its level, so a delta in a later interval starts from nothing (Etsy
 * with {@code gaugesMaxTTL: 1}).
 *
 * @param deleteCounters idle counters report nothing, except those whose name contains {@code
 *     packets_received}, {@code metrics_received} or {@code bad_lines_seen}, which Etsy always
 *     keeps
 * @param deleteTimers idle timers report nothing
 * @param deleteGauges gauges report only in intervals that set or moved them
 * @param deleteSets idle sets report nothing
 */
public record IdleSeriesPolicy(
    boolean deleteCounters, boolean deleteTimers, boolean deleteGauges, boolean deleteSets) {
  /** Etsy's defaults: every idle series keeps reporting. */
  public static final IdleSeriesPolicy KEEP_ALL = new IdleSeriesPolicy(false, false, false, false);

  /** Whether a counter of this name is still reported after an interval without samples. */
  boolean keepsIdleCounter(String name) {
    // Etsy resets rather than deletes these even with deleteCounters, by substring on any name.
    return !deleteCounters
        || name.contains("packets_received")
        || name.contains("metrics_received")
        || name.contains("bad_lines_seen");
  }
}
