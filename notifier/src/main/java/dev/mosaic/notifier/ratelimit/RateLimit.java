package dev.mosaic.notifier.ratelimit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code count} notifications per {@code per}, with bursts of up to {@code count}.
 *
 * @param count notifications per period; at least 1
 * @param per the period; positive
 */
public record RateLimit(int count, Duration per) {
  private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*/\\s*(s|sec|min|h|hour|d|day)");

  public RateLimit {
    if (count < 1 || per.isZero() || per.isNegative()) {
      throw new IllegalArgumentException("a rate limit needs count >= 1 and a positive period");
    }
  }

  /**
   * Reads {@code <count>/<unit>}, unit one of {@code s}, {@code min}, {@code h}, {@code d} (also
   * {@code sec}, {@code hour}, {@code day}), e.g. {@code 10/min}.
   *
   * @throws IllegalArgumentException if the text is not such a limit
   */
  public static RateLimit parse(String text) {
    Matcher m = TEXT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "rate-limit must look like 10/min (units s, min, h, d), not '" + text + "'");
    }
    int count;
    try {
      count = Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("rate-limit count is too large: '" + text + "'");
    }
    if (count < 1) {
      throw new IllegalArgumentException("rate-limit count must be at least 1: '" + text + "'");
    }
    Duration per =
        switch (m.group(2)) {
          case "s", "sec" -> Duration.ofSeconds(1);
          case "min" -> Duration.ofMinutes(1);
          case "h", "hour" -> Duration.ofHours(1);
          default -> Duration.ofDays(1);
        };
    return new RateLimit(count, per);
  }
}
