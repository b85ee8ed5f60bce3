package dev.mosaic.storagebridge.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.AggregatePoint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The encoder must give exactly the UTF-8 of {@link CarbonPlaintextFormat#line}, or its error. */
class CarbonPlaintextEncoderTest {
  private final CarbonPlaintextEncoder encoder = new CarbonPlaintextEncoder();

  @Test
  void writesTheLineOfTheFormat() {
    int length = encoder.encode(new AggregatePoint("stats.timers.api.mean", 12.5, 1_700_000_000L));

    assertThat(new String(encoder.bytes(), 0, length, StandardCharsets.UTF_8))
        .isEqualTo("stats.timers.api.mean 12.5 1700000000\n");
  }

  @Test
  void namesBeyondPrintableAsciiAreWrittenAsUtf8() {
    AggregatePoint point = new AggregatePoint("stats.gauges.caf\u00e9.\u6e29\u5ea6;env=prod", 1, 7);

    int length = encoder.encode(point);

    assertThat(Arrays.copyOf(encoder.bytes(), length))
        .isEqualTo(
            "stats.gauges.caf\u00e9.\u6e29\u5ea6;env=prod 1 7\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void refusesWhatTheFormatRefuses() {
    assertThatThrownBy(() -> encoder.encode(new AggregatePoint("a..b", 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the name has an empty path component (..)");
    assertThatThrownBy(() -> encoder.encode(new AggregatePoint("a\u00a0b", 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the name contains whitespace or a control character");
    assertThatThrownBy(() -> encoder.encode(new AggregatePoint("a.b", Double.NaN, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no Graphite form");
  }

  /**
   * Random names from an alphabet of dots, printable ASCII, whitespace, control and non-ASCII
   * characters, with integral, fractional, tiny and huge values: same bytes or same refusal.
   */
  @Test
  void agreesWithTheFormatOnRandomPoints() {
    char[] alphabet = "..ab_-;=~!09Z \t\n\u0000\u007f\u00a0\u00e9\u2028\u6e29".toCharArray();
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      char[] name = new char[random.nextInt(40)];
      for (int c = 0; c < name.length; c++) {
        name[c] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : 'x';
      }
      double value =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(2000) - 1000;
            case 1 -> random.nextGaussian() * 1e3;
            case 2 -> Math.scalb(random.nextDouble(), random.nextInt(200) - 100);
            default -> Double.longBitsToDouble(random.nextLong());
          };
      long timestamp = random.nextBoolean() ? 1_700_000_000L + i : random.nextLong();
      AggregatePoint point = new AggregatePoint(new String(name), value, timestamp);
      String expectedError = null;
      byte[] expected = null;
      try {
        expected = CarbonPlaintextFormat.line(point).getBytes(StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        expectedError = e.getMessage();
      }
      if (expected != null) {
        int length = encoder.encode(point);
        assertThat(Arrays.copyOf(encoder.bytes(), length)).as("%s", point).isEqualTo(expected);
      } else {
        assertThatThrownBy(() -> encoder.encode(point))
            .as("%s", point)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(expectedError);
      }
    }
  }
}
