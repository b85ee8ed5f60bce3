package dev.mosaic.storagebridge.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected strings are what Node.js's {@code String(x)} prints, as Etsy StatsD writes them. */
class GraphiteValueFormatTest {

  static Stream<Arguments> javascriptStrings() {
    return Stream.of(
        // integers
        Arguments.of(1.0, "1"),
        Arguments.of(100.0, "100"),
        Arguments.of(1e7, "10000000"),
        Arguments.of(9007199254740992.0, "9007199254740992"),
        Arguments.of(1e20, "100000000000000000000"),
        Arguments.of(999999999999999900000.0, "999999999999999900000"),
        // fractions
        Arguments.of(0.5, "0.5"),
        Arguments.of(0.1, "0.1"),
        Arguments.of(0.1 + 0.2, "0.30000000000000004"),
        Arguments.of(1.0 / 3, "0.3333333333333333"),
        Arguments.of(4.35, "4.35"),
        Arguments.of(12345678.9, "12345678.9"),
        Arguments.of(0.000123, "0.000123"),
        // negative
        Arguments.of(-3.0, "-3"),
        Arguments.of(-0.25, "-0.25"),
        Arguments.of(-2.0 / 3, "-0.6666666666666666"),
        Arguments.of(-1.5e-9, "-1.5e-9"),
        // tiny: plain down to 1e-6, exponent below
        Arguments.of(1e-6, "0.000001"),
        Arguments.of(0.000001234, "0.000001234"),
        Arguments.of(9.99e-7, "9.99e-7"),
        Arguments.of(1e-7, "1e-7"),
        Arguments.of(1.5e-7, "1.5e-7"),
        Arguments.of(1.2345e-10, "1.2345e-10"),
        Arguments.of(Double.MIN_NORMAL, "2.2250738585072014e-308"),
        // huge: exponent from 1e21
        Arguments.of(1e21, "1e+21"),
        Arguments.of(1.5e21, "1.5e+21"),
        Arguments.of(1e23, "1e+23"),
        Arguments.of(2e23, "2e+23"),
        Arguments.of(1e300, "1e+300"),
        Arguments.of(Double.MAX_VALUE, "1.7976931348623157e+308"),
        // zero
        Arguments.of(0.0, "0"),
        Arguments.of(-0.0, "0"),
        // Java 17's Double.toString is not shortest here (JDK-4511638) ...
        Arguments.of(5958838436080787500.0, "5958838436080787000"),
        Arguments.of(2.82879384806159E17, "282879384806159000"),
        Arguments.of(37101228968376088.0, "37101228968376090"),
        // ... or not the closest of the shortest ...
        Arguments.of(2.2772411211694535e+25, "2.2772411211694536e+25"),
        // ... or has a lopsided interval next to a power of two ...
        Arguments.of(7.1202363472230444e-307, "7.120236347223045e-307"),
        // ... or is subnormal, where one digit may be enough.
        Arguments.of(Double.MIN_VALUE, "5e-324"),
        Arguments.of(3 * Double.MIN_VALUE, "1.5e-323"),
        Arguments.of(1.5810100666919889e-322, "1.6e-322"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("javascriptStrings")
  void writesWhatJavaScriptWrites(double value, String expected) {
    assertThat(GraphiteValueFormat.format(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void refusesNonFiniteValues(double value) {
    assertThatThrownBy(() -> GraphiteValueFormat.format(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no Graphite form");
  }

  /**
   * The shortcut for integers must write what the digit search writes: every power of two and its
   * neighbours up to 2^53 and beyond it, both signs, and 100,000 random integers of every size.
   */
  @Test
  void integersAreWrittenAsTheDigitSearchWritesThem() {
    List<Double> values = new ArrayList<>();
    for (int power = 0; power <= 60; power++) {
      double p = Math.scalb(1.0, power);
      for (double v : new double[] {p - 2, p - 1, p, p + 1, p + 2}) {
        values.add(v);
        values.add(-v);
      }
    }
    Random random = new Random(8);
    for (int i = 0; i < 100_000; i++) {
      double v = Math.rint(Math.scalb(random.nextDouble(), random.nextInt(60)));
      values.add(random.nextBoolean() ? v : -v);
    }
    for (double v : values) {
      assertThat(GraphiteValueFormat.format(v))
          .as("%s", v)
          .isEqualTo(GraphiteValueFormat.formatDigits(v));
    }
  }
}
