package dev.mosaic.aggregator.statsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PercentileThresholdTest {
  @ParameterizedTest
  @CsvSource({
    "90, 90, upper_90",
    "99.9, 99_9, upper_99_9",
    "99.90, 99_9, upper_99_9",
    "90.0, 90, upper_90",
    "-10, top10, lower_top10",
    "-99.5, top99_5, lower_top99_5",
    "100, 100, upper_100"
  })
  void fieldNamesFollowHowEtsyPrintsTheNumber(String text, String suffix, String boundary) {
    PercentileThreshold threshold = PercentileThreshold.parse(text);

    assertThat(threshold.suffix()).isEqualTo(suffix);
    assertThat(threshold.boundaryField()).isEqualTo(boundary);
  }

  @Test
  void listParsesInOrder() {
    assertThat(PercentileThreshold.parseList("90, 95,99.9"))
        .extracting(PercentileThreshold::percent)
        .containsExactly(90.0, 95.0, 99.9);
    assertThat(PercentileThreshold.parseList(" ")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"90,abc", "0", "100.1", "-101", "90,,95", "90,90.0"})
  void badListsAreRefused(String text) {
    assertThatThrownBy(() -> PercentileThreshold.parseList(text))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
