package dev.mosaic.collector.statsd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueRangeTest {
  @ParameterizedTest
  @CsvSource({
    "0, true",
    "-0.0, true",
    "1e300, true",
    "-1e300, true",
    "1e-300, true",
    "12.5, true",
    "1.0000001e300, false",
    "1e308, false",
    "-1e301, false",
    "9.9e-301, false",
    "1e-310, false",
    "4.9e-324, false",
  })
  void acceptsOnlyMagnitudesTheAggregatorCanHold(double value, boolean representable) {
    assertThat(ValueRange.isRepresentable(value)).isEqualTo(representable);
  }
}
