package dev.mosaic.storagebridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.AggregatePoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PointFilterTest {
  private final StorageBridgeMeters meters =
      StorageBridgeMeters.register(new SimpleMeterRegistry(), "test");
  private final PointFilter filter = new PointFilter(meters);

  @Test
  void writablePointsPass() {
    assertThat(filter.accept(new AggregatePoint("stats.a", 1.5, 1L))).isTrue();
    assertThat(meters.invalidNames().count()).isZero();
    assertThat(meters.nonFiniteValues().count()).isZero();
  }

  @Test
  void everyPointWithAnInvalidNameIsCounted() {
    assertThat(filter.accept(new AggregatePoint("a..b", 1, 1L))).isFalse();
    assertThat(filter.accept(new AggregatePoint("a..b", 2, 2L))).isFalse();
    assertThat(filter.accept(new AggregatePoint("a b", 1, 1L))).isFalse();
    assertThat(filter.accept(new AggregatePoint("stats.ok", 1, 1L))).isTrue();

    assertThat(meters.invalidNames().count()).isEqualTo(3);
  }

  @Test
  void nonFiniteValuesAreCountedApart() {
    assertThat(filter.accept(new AggregatePoint("stats.a", Double.NaN, 1L))).isFalse();
    assertThat(filter.accept(new AggregatePoint("stats.a", Double.NEGATIVE_INFINITY, 1L)))
        .isFalse();

    assertThat(meters.nonFiniteValues().count()).isEqualTo(2);
    assertThat(meters.invalidNames().count()).isZero();
  }

  @Test
  void loggedNamesCannotForgeLogLines() {
    assertThat(PointFilter.printable("a\nINFO fake\r\""))
        .isEqualTo("\"a\\u000aINFO fake\\u000d\\u0022\"");
    assertThat(PointFilter.printable("x".repeat(250)))
        .isEqualTo("\"" + "x".repeat(200) + "\"... (250 chars)");
  }
}
