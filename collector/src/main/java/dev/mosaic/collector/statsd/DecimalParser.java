package dev.mosaic.collector.statsd;

import java.nio.charset.StandardCharsets;

/**
 * Reads a StatsD value as a double, without allocating for the numbers clients usually send.
 *
 * <pre>
 * StatsdLineParser → DecimalParser → MetricSample.value, sampleRate
 * </pre>
 *
 * <p>Accepted: {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}, nothing else —
 * no whitespace, no {@code Infinity}/{@code NaN}, no hexadecimal. Results are correctly rounded: up
 * to 15 significant digits with a decimal exponent within ±22 are computed exactly from a long and
 * one power of ten (both exact in a double, so the one rounding is IEEE's); anything else goes to
 * {@link Double#parseDouble}.
 */
public final class DecimalParser {
  private static final int FAST_DIGITS = 15;
  private static final int FAST_EXPONENT = 22;
  private static final double[] POWERS_OF_TEN = new double[FAST_EXPONENT + 1];

  static {
    double p = 1;
    for (int i = 0; i <= FAST_EXPONENT; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  private DecimalParser() {}

  /**
   * @return the value of {@code text[start, end)}; NaN if it is not a decimal number; an infinity
   *     if it is one too large for a double
   */
  public static double parse(CharSequence text, int start, int end) {
    int i = start;
    boolean negative = false;
    if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    long mantissa = 0;
    int significantDigits = 0;
    int scale = 0;
    boolean anyDigit = false;
    for (; i < end && isDigit(text.charAt(i)); i++) {
      anyDigit = true;
      int digit = text.charAt(i) - '0';
      if (mantissa != 0 || digit != 0) {
        significantDigits++;
        mantissa = significantDigits <= FAST_DIGITS ? mantissa * 10 + digit : mantissa;
      }
    }
    if (i < end && text.charAt(i) == '.') {
      for (i++; i < end && isDigit(text.charAt(i)); i++) {
        anyDigit = true;
        int digit = text.charAt(i) - '0';
        scale--;
        if (mantissa != 0 || digit != 0) {
          significantDigits++;
          mantissa = significantDigits <= FAST_DIGITS ? mantissa * 10 + digit : mantissa;
        }
      }
    }
    if (!anyDigit) {
      return Double.NaN;
    }
    int exponent = 0;
    if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        negativeExponent = text.charAt(i) == '-';
        i++;
      }
      if (i == end) {
        return Double.NaN;
      }
      for (; i < end && isDigit(text.charAt(i)); i++) {
        exponent = Math.min(exponent * 10 + (text.charAt(i) - '0'), 100_000); // beyond any double
      }
      exponent = negativeExponent ? -exponent : exponent;
    }
    if (i != end) {
      return Double.NaN;
    }
    if (significantDigits > FAST_DIGITS || Math.abs(scale + exponent) > FAST_EXPONENT) {
      return Double.parseDouble(text.subSequence(start, end).toString());
    }
    int power = scale + exponent;
    double magnitude =
        power >= 0 ? mantissa * POWERS_OF_TEN[power] : mantissa / POWERS_OF_TEN[-power];
    return negative ? -magnitude : magnitude;
  }

  /**
   * As {@link #parse(CharSequence, int, int)}, over the UTF-8 bytes {@code text[start, end)}: every
   * accepted character is ASCII, so a byte of a multi-byte character is as invalid here as its
   * character is there, and the two give bit-identical results.
   */
  public static double parse(byte[] text, int start, int end) {
    int i = start;
    boolean negative = false;
    if (i < end && (text[i] == '+' || text[i] == '-')) {
      negative = text[i] == '-';
      i++;
    }
    long mantissa = 0;
    int significantDigits = 0;
    int scale = 0;
    boolean anyDigit = false;
    for (; i < end && isDigit(text[i]); i++) {
      anyDigit = true;
      int digit = text[i] - '0';
      if (mantissa != 0 || digit != 0) {
        significantDigits++;
        mantissa = significantDigits <= FAST_DIGITS ? mantissa * 10 + digit : mantissa;
      }
    }
    if (i < end && text[i] == '.') {
      for (i++; i < end && isDigit(text[i]); i++) {
        anyDigit = true;
        int digit = text[i] - '0';
        scale--;
        if (mantissa != 0 || digit != 0) {
          significantDigits++;
          mantissa = significantDigits <= FAST_DIGITS ? mantissa * 10 + digit : mantissa;
        }
      }
    }
    if (!anyDigit) {
      return Double.NaN;
    }
    int exponent = 0;
    if (i < end && (text[i] == 'e' || text[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < end && (text[i] == '+' || text[i] == '-')) {
        negativeExponent = text[i] == '-';
        i++;
      }
      if (i == end) {
        return Double.NaN;
      }
      for (; i < end && isDigit(text[i]); i++) {
        exponent = Math.min(exponent * 10 + (text[i] - '0'), 100_000);
      }
      exponent = negativeExponent ? -exponent : exponent;
    }
    if (i != end) {
      return Double.NaN;
    }
    if (significantDigits > FAST_DIGITS || Math.abs(scale + exponent) > FAST_EXPONENT) {
      // only ASCII got here, so Latin-1 decodes it exactly and cheaply
      return Double.parseDouble(new String(text, start, end - start, StandardCharsets.ISO_8859_1));
    }
    int power = scale + exponent;
    double magnitude =
        power >= 0 ? mantissa * POWERS_OF_TEN[power] : mantissa / POWERS_OF_TEN[-power];
    return negative ? -magnitude : magnitude;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
