package dev.mosaic.aggregator.statsd;

/**
 * What one interval's samples do to one gauge: set it (then perhaps move it), or only move it.
 *
 * <pre>
 *   MetricSample (GAUGE) → IntervalState → GaugeChange → SeriesRegistry applies it to the level
 * </pre>
 */
final class GaugeChange {
  private boolean set;
  private double value;

  void set(double level) {
    set = true;
    value = level;
  }

  /** After a set this moves the known level; before one it sums the deltas to apply later. */
  void add(double delta) {
    value += delta;
  }

  /**
   * @param previous the level before this interval; 0 when the gauge never had one, since Etsy sets
   *     an unset gauge to the delta, which is the same as starting from 0
   */
  double applyTo(double previous) {
    if (set) {
      return value;
    }
    return previous + value;
  }
}
