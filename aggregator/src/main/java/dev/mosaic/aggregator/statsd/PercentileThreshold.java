package dev.mosaic.aggregator.statsd;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One of Etsy StatsD's {@code percentThreshold} values: a positive one summarises the lowest {@code
 * pct} % of an interval's timer values, a negative one the highest.
 *
 * <pre>
 *   "90,99.9,-10" → PercentileThreshold × 3 → TimerStatistics#threshold → upper_90, upper_99_9, lower_top10
 * </pre>
 *
 * @param percent in [-100, 0) or (0, 100]
 * @param suffix what follows the field name: {@code 90}, {@code 99_9}, {@code top10} (Etsy writes
 *     the number as JavaScript prints it, then replaces the first {@code .} by {@code _} and the
 *     {@code -} by {@code top})
 */
public record PercentileThreshold(double percent, String suffix) {
  public PercentileThreshold {
    if (!(percent != 0 && Math.abs(percent) <= 100)) {
      throw new IllegalArgumentException(
          "percentile threshold " + percent + " is outside [-100, 0) and (0, 100]");
    }
  }

  /**
   * @param text a decimal number such as {@code 90}, {@code 99.9} or {@code -10}
   * @throws IllegalArgumentException saying what is wrong with {@code text}
   */
  public static PercentileThreshold parse(String text) {
    BigDecimal exact;
    try {
      exact = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text.trim() + "' is not a number");
    }
    // A plain decimal printed without trailing zeros is how JavaScript prints the same number
    // for every value a person would write here (99.90 → "99.9", 90.0 → "90").
    String printed = exact.stripTrailingZeros().toPlainString();
    String suffix = printed.replaceFirst("\\.", "_").replaceFirst("-", "top");
    return new PercentileThreshold(exact.doubleValue(), suffix);
  }

  /**
   * @param text comma-separated thresholds; blank means none
   * @throws IllegalArgumentException naming the first bad or repeated entry
   */
  public static List<PercentileThreshold> parseList(String text) {
    List<PercentileThreshold> thresholds = new ArrayList<>();
    if (text.isBlank()) {
      return thresholds;
    }
    Set<String> seen = new HashSet<>();
    for (String part : text.split(",", -1)) {
      PercentileThreshold threshold = parse(part);
      if (!seen.add(threshold.suffix())) {
        throw new IllegalArgumentException("'" + part.trim() + "' is listed twice");
      }
      thresholds.add(threshold);
    }
    return List.copyOf(thresholds);
  }

  /** The field that holds the boundary value: {@code upper_90} or {@code lower_top10}. */
  public String boundaryField() {
    return (percent > 0 ? "upper_" : "lower_") + suffix;
  }
}
