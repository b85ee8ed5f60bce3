package dev.mosaic.stateengine.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.stateengine.check.TestChecks;
import dev.mosaic.stateengine.eval.CheckEngine;
import dev.mosaic.stateengine.eval.RecentValues;
import dev.mosaic.stateengine.incident.IncidentBook;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecentValuesViewTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final long S = NOW / 1000;

  private CheckEngine engine;

  @BeforeEach
  void engineWithTwoOverlappingChecks() {
    engine = new CheckEngine(new IncidentBook(), new RecentValues(100, 100), events -> {});
    engine.replaceChecks(
        List.of(
            TestChecks.check("name: api\npattern: stats.timers.api.*\nwarning: 1000"),
            TestChecks.check("name: all-timers\npattern: stats.timers.*.*\nwarning: 2000")),
        NOW);
  }

  @Test
  void listsEachCheckedSeriesOnceOldestFirstWithinTheRange() {
    engine.onPoint(new AggregatePoint("stats.timers.api.get", 1, S - 1000), NOW);
    engine.onPoint(new AggregatePoint("stats.timers.api.get", 2, S - 20), NOW);
    engine.onPoint(new AggregatePoint("stats.timers.api.get", 3, S - 10), NOW);
    engine.onPoint(new AggregatePoint("stats.timers.web.get", 7, S - 10), NOW);
    engine.onPoint(new AggregatePoint("stats.gauges.unchecked", 9, S - 10), NOW);

    ApiResponse response = RecentValuesView.answer(engine, NOW, Map.of("range", "60"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(body(response))
        .containsEntry("rangeSeconds", 60L)
        .containsEntry(
            "series",
            Map.of(
                "stats.timers.api.get", List.of(2.0, 3.0), "stats.timers.web.get", List.of(7.0)));
  }

  @Test
  void keepsOnlyTheNewestPoints() {
    for (int i = 0; i < 10; i++) {
      engine.onPoint(new AggregatePoint("stats.timers.api.get", i, S - 100 + i), NOW);
    }

    ApiResponse response = RecentValuesView.answer(engine, NOW, Map.of("points", "3"));

    assertThat(body(response))
        .containsEntry("rangeSeconds", RecentValuesView.DEFAULT_RANGE_SECONDS)
        .containsEntry("series", Map.of("stats.timers.api.get", List.of(7.0, 8.0, 9.0)));
  }

  @Test
  void badParametersAreRejectedWithTheirName() {
    assertThat(error(Map.of("range", "soon"))).isEqualTo("range: 'soon' is not a whole number");
    assertThat(error(Map.of("range", "0"))).startsWith("range must be between 1 and");
    assertThat(error(Map.of("points", "1001"))).isEqualTo("points must be between 1 and 1000");
  }

  private String error(Map<String, String> query) {
    ApiResponse response = RecentValuesView.answer(engine, NOW, query);
    assertThat(response.status()).isEqualTo(400);
    return (String) body(response).get("error");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(ApiResponse response) {
    return (Map<String, Object>) response.body();
  }
}
