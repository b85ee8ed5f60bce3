package dev.mosaic.stateengine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.GraphitePattern;
import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.contract.SeriesState;
import dev.mosaic.stateengine.check.Check;
import dev.mosaic.stateengine.check.TestChecks;
import dev.mosaic.stateengine.incident.IncidentBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckEngineTest {
  private static final long T = 1_700_000_000_000L;
  private static final Check LATENCY =
      TestChecks.check("name: latency\npattern: stats.timers.*.upper_90\ncritical: 500");
  private static final Check DISK =
      TestChecks.check(
          "name: disk\npattern: stats.gauges.*.disk_free\ndirection: below\ncritical: 10\n"
              + "no-data: {after: 1m, pages: true}");

  private final List<IncidentEvent> published = new ArrayList<>();
  private final CheckEngine engine =
      new CheckEngine(new IncidentBook(), new RecentValues(10, 100), published::addAll);

  @Test
  void aPointIsEvaluatedByEveryCheckItMatches() {
    engine.replaceChecks(List.of(LATENCY, DISK), T);

    assertThat(engine.onPoint(point("stats.timers.api.upper_90", 100), T)).isEmpty();
    List<IncidentEvent> events = engine.onPoint(point("stats.timers.api.upper_90", 900), T);
    assertThat(events).extracting(IncidentEvent::kind).containsExactly(Kind.OPENED);
    assertThat(events.get(0).incident().check()).isEqualTo("latency");
    assertThat(engine.onPoint(point("stats.gauges.db.disk_free", 5), T))
        .extracting(e -> e.incident().check())
        .containsExactly("disk");
    assertThat(engine.onPoint(point("stats.counters.unrelated", 1e9), T)).isEmpty();
    assertThat(published)
        .extracting(e -> e.incident().check())
        .containsExactly("latency", "disk"); // every event also went to the sink, in order
    assertThat(engine.states(Set.of("latency", "disk")))
        .isEqualTo(
            Map.of(
                "latency", Map.of("stats.timers.api.upper_90", SeriesState.CRITICAL),
                "disk", Map.of("stats.gauges.db.disk_free", SeriesState.CRITICAL)));
  }

  @Test
  void aSeriesSeenBeforeAReloadIsMatchedAgainstTheNewChecks() {
    engine.replaceChecks(List.of(DISK), T);
    assertThat(engine.onPoint(point("stats.timers.api.upper_90", 900), T)).isEmpty();

    engine.replaceChecks(List.of(LATENCY, DISK), T + 1);
    assertThat(engine.onPoint(point("stats.timers.api.upper_90", 900), T + 2))
        .extracting(e -> e.incident().check())
        .containsExactly("latency");

    engine.replaceChecks(List.of(DISK), T + 3);
    assertThat(engine.onPoint(point("stats.timers.api.upper_90", 100), T + 4)).isEmpty();
    assertThat(engine.states(Set.of("latency"))).isEmpty();
  }

  @Test
  void theTickTurnsSilentSeriesUnknown() {
    engine.replaceChecks(List.of(DISK), T);
    engine.onPoint(point("stats.gauges.db.disk_free", 50), T);

    assertThat(engine.onTick(T + 59_999)).isEmpty();
    List<IncidentEvent> events = engine.onTick(T + 60_000);
    assertThat(events).extracting(IncidentEvent::kind).containsExactly(Kind.OPENED);
    assertThat(events.get(0).incident().state()).isEqualTo(SeriesState.UNKNOWN);
    assertThat(events.get(0).pages()).isTrue();
  }

  @Test
  void aRestoredOpenIncidentIsNeitherOpenedAgainNorForgottenBySilence() {
    engine.replaceChecks(List.of(LATENCY, DISK), T);
    Incident open = engine.onPoint(point("stats.timers.api.upper_90", 900), T).get(0).incident();
    Incident silent = engine.onPoint(point("stats.gauges.db.disk_free", 1), T).get(0).incident();

    CheckEngine restarted =
        new CheckEngine(new IncidentBook(), new RecentValues(10, 100), events -> {});
    restarted.replaceChecks(List.of(LATENCY, DISK), T + 1000);
    restarted.restore(List.of(open, silent), T + 1000);

    assertThat(restarted.onPoint(point("stats.timers.api.upper_90", 950), T + 2000)).isEmpty();
    assertThat(restarted.incidents(true)).hasSize(2);
    List<IncidentEvent> unknown = restarted.onTick(T + 61_000);
    assertThat(unknown).extracting(e -> e.incident().id()).containsExactly(silent.id());
    assertThat(unknown.get(0).kind()).isEqualTo(Kind.CHANGED);
    List<IncidentEvent> resolved =
        restarted.onPoint(point("stats.timers.api.upper_90", 10), T + 62_000);
    assertThat(resolved).extracting(IncidentEvent::kind).containsExactly(Kind.RESOLVED);
    assertThat(resolved.get(0).incident().id()).isEqualTo(open.id());
  }

  @Test
  void restoredIncidentsOfAChecksRemovedMeanwhileAreClosed() {
    engine.replaceChecks(List.of(LATENCY, DISK), T);
    Incident kept = engine.onPoint(point("stats.timers.api.upper_90", 900), T).get(0).incident();
    Incident gone = engine.onPoint(point("stats.gauges.db.disk_free", 1), T).get(0).incident();

    CheckEngine restarted =
        new CheckEngine(new IncidentBook(), new RecentValues(10, 100), events -> {});
    restarted.replaceChecks(List.of(LATENCY), T + 1000);
    List<IncidentEvent> closed = restarted.restore(List.of(kept, gone), T + 1000);

    assertThat(closed).extracting(e -> e.incident().id()).containsExactly(gone.id());
    assertThat(closed.get(0).pages()).isFalse();
    assertThat(restarted.incidents(true)).containsExactly(kept);
  }

  @Test
  void replacingChecksKeepsSeriesOfRemainingChecksAndClosesIncidentsOfRemovedOnes() {
    engine.replaceChecks(List.of(LATENCY, DISK), T);
    engine.onPoint(point("stats.timers.api.upper_90", 900), T);
    engine.onPoint(point("stats.gauges.db.disk_free", 1), T);

    List<IncidentEvent> closed = engine.replaceChecks(List.of(LATENCY), T + 1);

    assertThat(closed).extracting(e -> e.incident().check()).containsExactly("disk");
    assertThat(engine.onPoint(point("stats.timers.api.upper_90", 900), T + 2)).isEmpty();
    assertThat(engine.onPoint(point("stats.gauges.db.disk_free", 1), T + 2)).isEmpty();
    assertThat(engine.checks()).containsExactly(LATENCY);
  }

  @Test
  void recentValuesAreKeptForEverySeriesCheckedOrNot() {
    engine.onPoint(new AggregatePoint("stats.a", 1, 100), T);
    engine.onPoint(new AggregatePoint("stats.a", 2, 110), T);
    engine.onPoint(new AggregatePoint("stats.b", 3, 110), T);

    assertThat(engine.recentValues(GraphitePattern.compile("stats.*"), 105))
        .isEqualTo(Map.of("stats.a", List.of(2.0), "stats.b", List.of(3.0)));
  }

  @Test
  void anAlternatingErrorRatePagesOnceAsFlappingAndResolvesWhenItSettles() {
    engine.replaceChecks(
        List.of(
            TestChecks.check(
                "name: err\npattern: stats.{api,web}.errors\nwarning: 1\ncritical: 5\nfor: 2")),
        T);
    for (int i = 0; i < 30; i++) {
      engine.onPoint(point("stats.api.errors", i % 2 == 0 ? 0 : 6), T + i * 10_000L);
    }

    assertThat(published)
        .extracting(IncidentEvent::kind)
        .containsExactly(Kind.OPENED, Kind.FLAPPING_STARTED);
    assertThat(published).extracting(IncidentEvent::pages).containsExactly(false, true);
    assertThat(published.get(0).atMillis()).isEqualTo(T + 40_000); // the 5th value, 4th change

    for (int i = 30; i < 60; i++) {
      engine.onPoint(point("stats.api.errors", 0), T + i * 10_000L);
    }
    assertThat(published)
        .extracting(IncidentEvent::kind)
        .containsExactly(Kind.OPENED, Kind.FLAPPING_STARTED, Kind.FLAPPING_STOPPED, Kind.RESOLVED);
    assertThat(engine.incidents(true)).isEmpty();
  }

  private static AggregatePoint point(String name, double value) {
    return new AggregatePoint(name, value, T / 1000);
  }
}
