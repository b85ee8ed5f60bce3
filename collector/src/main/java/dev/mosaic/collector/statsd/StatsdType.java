package dev.mosaic.collector.statsd;

/**
 * The type field's values; {@code h} is a timer, as the issue asks (Etsy counts it), and so is
 * DogStatsD's distribution {@code d}: the aggregator computes the same statistics for both.
 *
 * <pre>
 * StatsdLineParser, StatsdDatagramParser → StatsdType → MetricSample kind
 * </pre>
 */
enum StatsdType {
  COUNTER,
  GAUGE,
  TIMER,
  SET;

  /** The type spelled by {@code text[start, end)}, or null if none is. */
  static StatsdType of(CharSequence text, int start, int end) {
    int length = end - start;
    if (length == 1) {
      return of1(text.charAt(start));
    }
    if (length == 2 && text.charAt(start) == 'm' && text.charAt(start + 1) == 's') {
      return TIMER;
    }
    return null;
  }

  /** As {@link #of(CharSequence, int, int)}, over UTF-8 bytes (every type is ASCII). */
  static StatsdType of(byte[] text, int start, int end) {
    int length = end - start;
    if (length == 1) {
      return of1((char) text[start]);
    }
    if (length == 2 && text[start] == 'm' && text[start + 1] == 's') {
      return TIMER;
    }
    return null;
  }

  private static StatsdType of1(char c) {
    return switch (c) {
      case 'c' -> COUNTER;
      case 'g' -> GAUGE;
      case 'h', 'd' -> TIMER;
      case 's' -> SET;
      default -> null;
    };
  }
}
