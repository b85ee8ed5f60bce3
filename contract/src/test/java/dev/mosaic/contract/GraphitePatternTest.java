package dev.mosaic.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphitePatternTest {
  @ParameterizedTest
  @CsvSource({
    "stats.timers.api.*.upper_90, stats.timers.api.get.upper_90, true",
    "stats.timers.api.*.upper_90, stats.timers.api.upper_90, false",
    "stats.timers.api.*.upper_90, stats.timers.api.get.put.upper_90, false",
    "stats.timers.api.*.upper_90, stats.timers.api..upper_90, true",
    "'stats.{api,web}.errors', stats.web.errors, true",
    "'stats.{api,web}.errors', stats.db.errors, false",
    "stats.gauges.disk.*_free, stats.gauges.disk.root_free, true",
    "stats.a+b.c, stats.a+b.c, true",
    "stats.a+b.c, stats.aab.c, false",
    "stats.gauges.x, stats_gauges_x, false",
    "'stats.{gauges,counters}.x', stats.counters.x, true",
    "api-*, api-latency, true",
    "api-*, web-api-latency, false",
    "a.b, aXb, false",
    "disk(1)+, disk(1)+, true",
  })
  void matchesLikeGraphite(String pattern, String series, boolean matches) {
    assertThat(GraphitePattern.compile(pattern).matches(series)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({"'a.{b,c', never closed", "'a.b}', without", "'a.{b,{c}}', nested", "' ', empty"})
  void rejectsBrokenPatterns(String pattern, String message) {
    assertThatThrownBy(() -> GraphitePattern.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
