package dev.mosaic.collector.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalParserTest {

  private static double parse(String text) {
    return DecimalParser.parse(text, 0, text.length());
  }

  @ParameterizedTest(name = "[{index}] {0} = {1}")
  @CsvSource({
    "0, 0.0",
    "1, 1.0",
    "-1, -1.0",
    "+1, 1.0",
    "5., 5.0",
    ".5, 0.5",
    "-.5, -0.5",
    "0.1, 0.1",
    "1e3, 1000.0",
    "1E3, 1000.0",
    "1e+3, 1000.0",
    "2.5e-3, 0.0025",
    "000123.4500, 123.45",
    "9007199254740993, 9007199254740992.0",
    "123456789012345678901234567890, 1.2345678901234568E29",
    "1e-400, 0.0",
    "1e400, Infinity",
    "-1e400, -Infinity",
    "4.9e-324, 4.9E-324",
    "1.7976931348623157e308, 1.7976931348623157E308",
    "0.30000000000000004, 0.30000000000000004",
  })
  void readsDecimals(String text, double expected) {
    assertThat(parse(text)).isEqualTo(expected);
  }

  @Test
  void keepsTheSignOfZero() {
    assertThat(parse("-0")).isEqualTo(-0.0);
    assertThat(parse("-0.0e5")).isEqualTo(-0.0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "+",
        "-",
        ".",
        "e5",
        "1e",
        "1e+",
        "1e-",
        "1.2.3",
        "0x10",
        " 1",
        "1 ",
        "1_000",
        "NaN",
        "Infinity",
        "5d",
        "5f",
        "1,5",
        "--1",
        "+-1",
        "1e5.5",
        "١٢"
      })
  void rejectsEverythingElseAsNaN(String text) {
    assertThat(parse(text)).isNaN();
  }

  @Test
  void agreesWithDoubleParseDoubleOnRandomDecimals() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      String text = randomDecimal(random);
      assertThat(parse(text)).as(text).isEqualTo(Double.parseDouble(text));
    }
  }

  private static String randomDecimal(SplittableRandom random) {
    StringBuilder s = new StringBuilder();
    if (random.nextInt(4) == 0) {
      s.append(random.nextBoolean() ? '-' : '+');
    }
    int digits = 1 + random.nextInt(random.nextBoolean() ? 8 : 20);
    int point = random.nextInt(digits + 1);
    for (int d = 0; d < digits; d++) {
      if (d == point) {
        s.append('.');
      }
      s.append((char) ('0' + random.nextInt(10)));
    }
    if (random.nextInt(3) == 0) {
      s.append('e').append(random.nextInt(-30, 31));
    }
    return s.toString();
  }
}
