package dev.mosaic.contract.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text to typed values; every failure is an {@link IllegalArgumentException} saying what is wrong.
 */
final class ValueParsers {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final Pattern ZERO = Pattern.compile("0+(ms|s|m|h|d)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB)?");

  private ValueParsers() {}

  static int integer(String text, int min, int max) {
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a whole number");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "'" + text + "' is out of range (" + min + " to " + max + ")");
    }
    return (int) value;
  }

  /** As {@link #duration}, but {@code 0}, with or without a unit, is zero. */
  static Duration durationOrZero(String text) {
    if (ZERO.matcher(text).matches()) {
      return Duration.ZERO;
    }
    return duration(text);
  }

  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a duration (write a whole number and a unit: 500ms, 10s, 2m, 1h, 1d)");
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too long");
    }
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    if (d.isZero()) {
      throw new IllegalArgumentException("'" + text + "' must be longer than zero");
    }
    return d;
  }

  static long dataSize(String text) {
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size (write a whole number and a unit: 512B, 64KiB, 4MiB)");
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    String unit = m.group(2) == null ? "B" : m.group(2);
    long factor =
        switch (unit) {
          case "KiB" -> 1L << 10;
          case "MiB" -> 1L << 20;
          case "GiB" -> 1L << 30;
          case "KB" -> 1_000L;
          case "MB" -> 1_000_000L;
          case "GB" -> 1_000_000_000L;
          default -> 1L;
        };
    try {
      return Math.multiplyExact(amount, factor);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
  }

  static boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
    };
  }
}
