package dev.mosaic.storagebridge.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.contract.AggregatePoint;
import org.junit.jupiter.api.Test;

class CarbonPlaintextFormatTest {

  @Test
  void nameValueAndSecondsSeparatedBySpacesEndedByNewline() {
    assertThat(
            CarbonPlaintextFormat.line(
                new AggregatePoint("stats.timers.api.mean", 12.5, 1_700_000_000L)))
        .isEqualTo("stats.timers.api.mean 12.5 1700000000\n");
    assertThat(CarbonPlaintextFormat.line(new AggregatePoint("stats.gauges.g", 3.0, 0L)))
        .isEqualTo("stats.gauges.g 3 0\n");
  }

  @Test
  void refusesNamesThatWouldBreakTheLine() {
    assertThatThrownBy(
            () -> CarbonPlaintextFormat.line(new AggregatePoint("a b", 1, 1_700_000_000L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the name contains whitespace or a control character");
  }

  @Test
  void refusesNonFiniteValues() {
    assertThatThrownBy(() -> CarbonPlaintextFormat.line(new AggregatePoint("a.b", Double.NaN, 1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
