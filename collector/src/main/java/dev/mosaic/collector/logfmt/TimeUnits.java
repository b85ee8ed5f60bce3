package dev.mosaic.collector.logfmt;

/** The time units an l2met value may carry, and their size in milliseconds. */
final class TimeUnits {
  private TimeUnits() {}

  /**
   * @return milliseconds per one {@code unit} (case-sensitive), or NaN if it is not a time unit
   */
  static double millisPer(String unit) {
    return switch (unit) {
      case "ns" -> 1e-6;
      case "us" -> 1e-3;
      case "ms" -> 1;
      case "s" -> 1_000;
      case "min" -> 60_000;
      case "h" -> 3_600_000;
      default -> Double.NaN;
    };
  }
}
