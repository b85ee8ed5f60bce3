package dev.mosaic.collector.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesLimitTest {
  @Test
  void knownNamesKeepFlowingAfterTheLimitIsReached() {
    SeriesLimit limit = new SeriesLimit(2);
    assertThat(limit.admit("a")).isTrue();
    assertThat(limit.admit("b")).isTrue();
    assertThat(limit.admit("c")).isFalse();
    assertThat(limit.admit("a")).isTrue();
    assertThat(limit.admit("b")).isTrue();
    assertThat(limit.admit("c")).isFalse();
  }

  @Test
  void limitBelowOneIsRefused() {
    assertThatThrownBy(() -> new SeriesLimit(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
