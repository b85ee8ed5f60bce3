package dev.mosaic.aggregator.rules;

import java.util.Locale;
import java.util.Optional;

/** How a rule combines the values of the points it matched: carbon-aggregator's methods. */
public enum RuleMethod {
  SUM,
  AVG,
  MIN,
  MAX,
  COUNT;

  /** The method written in a rule file ({@code sum}, {@code avg}, ...), if it is one. */
  static Optional<RuleMethod> named(String text) {
    for (RuleMethod method : values()) {
      if (method.name().toLowerCase(Locale.ROOT).equals(text)) {
        return Optional.of(method);
      }
    }
    return Optional.empty();
  }

  /** Combines running totals: {@code sum}, {@code min}, {@code max} and {@code count} of values. */
  double combine(double sum, double min, double max, long count) {
    return switch (this) {
      case SUM -> sum;
      case AVG -> sum / count;
      case MIN -> min;
      case MAX -> max;
      case COUNT -> count;
    };
  }
}
