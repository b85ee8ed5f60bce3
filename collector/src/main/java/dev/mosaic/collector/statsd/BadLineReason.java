package dev.mosaic.collector.statsd;

import java.util.Locale;

/**
 * Why a StatsD line, or one value of a multi-value line, was rejected.
 *
 * <pre>
 * StatsdLineParser → BadLineReason → mosaic.collector.statsd.bad_lines{reason=...}
 * </pre>
 */
public enum BadLineReason {
  /** No {@code :} in the line, e.g. {@code foo}. */
  MISSING_VALUE,
  /** The name is empty once sanitised, e.g. {@code :1|c} or {@code ü:1|c}. */
  EMPTY_NAME,
  /** A value without {@code |type}, or with an empty type, e.g. {@code foo:1} or {@code foo:1|}. */
  MISSING_TYPE,
  /** A type other than {@code c}, {@code g}, {@code ms}, {@code h}, {@code d} and {@code s}. */
  UNKNOWN_TYPE,
  /** A third field that is not {@code @} followed by digits and at most one dot. */
  INVALID_SAMPLE_RATE,
  /** A sample rate outside (0, 1], e.g. {@code @0} or {@code @2}. */
  SAMPLE_RATE_OUT_OF_RANGE,
  /** A counter, gauge or timer value that is not a decimal number, including an empty one. */
  INVALID_VALUE,
  /** A number too large for a double, e.g. {@code 1e400}. */
  NON_FINITE_VALUE,
  /**
   * A finite number whose magnitude is above 1e300 or, when not zero, below 1e-300 (subnormals
   * included): the aggregator's histograms cannot represent it.
   */
  OUT_OF_RANGE,
  /** A timer ({@code ms}, {@code h} or {@code d}) below zero. */
  NEGATIVE_TIMER,
  /**
   * The unterminated last line of a datagram that filled the whole receive buffer: the kernel may
   * have cut it, and a cut line can still parse (to the wrong number).
   */
  TRUNCATED,
  /**
   * A TCP line longer than the listener's line limit, or a drain request body over its size limit;
   * it is skipped whole.
   */
  TOO_LONG,
  /**
   * A log-drain body whose octet-counted framing is broken (no length, or a length past the end);
   * the rest of that body is skipped.
   */
  BAD_FRAME;

  private final String tag = name().toLowerCase(Locale.ROOT);

  /** The value of the {@code reason} tag on the bad-lines counter, e.g. {@code unknown_type}. */
  public String tag() {
    return tag;
  }
}
