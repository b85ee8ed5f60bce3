package dev.mosaic.notifier.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobPatternTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "stats.timers.api.*.upper_90 | stats.timers.api.login.upper_90 | true",
        "stats.timers.api.*.upper_90 | stats.timers.api.a.b.upper_90 | false",
        "stats.{gauges,counters}.x | stats.counters.x | true",
        "stats.{gauges,counters}.x | stats.timers.x | false",
        "api-* | api-latency | true",
        "api-* | web-api-latency | false",
        "a.b | aXb | false",
        "disk(1)+ | disk(1)+ | true",
      })
  void matchesTheWholeName(String pattern, String name, boolean matches) {
    assertThat(GlobPattern.compile(pattern).matches(name)).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a.{b", "a.b}", "a.{b,{c}}"})
  void rejectsBrokenPatterns(String pattern) {
    assertThatThrownBy(() -> GlobPattern.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
