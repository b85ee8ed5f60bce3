package dev.mosaic.collector.statsd;

/**
 * The magnitudes a sample value may have, so that every stage downstream can represent it.
 *
 * <pre>
 * StatsdLineParser, StatsdByteValues, LogfmtMetricParser → ValueRange → BadLineReason
 * </pre>
 *
 * <p>The aggregator's HdrHistogram scales values into a long range; beyond ±1e300, or below 1e-300
 * away from zero (the subnormals), that scaling overflows or loses every digit.
 */
public final class ValueRange {
  public static final double MAX_MAGNITUDE = 1e300;
  public static final double MIN_NON_ZERO_MAGNITUDE = 1e-300;

  private ValueRange() {}

  /**
   * What is wrong with a StatsD value as {@link DecimalParser} returned it, in the order the
   * parsers report it; null when it may be forwarded.
   */
  public static BadLineReason problemWith(double value) {
    if (Double.isNaN(value)) {
      return BadLineReason.INVALID_VALUE; // DecimalParser's answer for text that is no number
    }
    if (Double.isInfinite(value)) {
      return BadLineReason.NON_FINITE_VALUE;
    }
    if (!isRepresentable(value)) {
      return BadLineReason.OUT_OF_RANGE;
    }
    return null;
  }

  /** True for zero and for finite values whose magnitude is within [1e-300, 1e300]. */
  public static boolean isRepresentable(double value) {
    double magnitude = Math.abs(value);
    return value == 0 || (magnitude >= MIN_NON_ZERO_MAGNITUDE && magnitude <= MAX_MAGNITUDE);
  }
}
