package dev.mosaic.stateengine.incident;

import static dev.mosaic.contract.SeriesState.CRITICAL;
import static dev.mosaic.contract.SeriesState.OK;
import static dev.mosaic.contract.SeriesState.UNKNOWN;
import static dev.mosaic.contract.SeriesState.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.contract.IncidentTransition;
import dev.mosaic.contract.SeriesState;
import dev.mosaic.stateengine.check.Check;
import dev.mosaic.stateengine.check.TestChecks;
import dev.mosaic.stateengine.eval.SeriesChange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentBookTest {
  private static final long T = 1_700_000_000_000L;
  private static final String SERIES = "stats.timers.api.get.upper_90";
  private static final Check CHECK =
      TestChecks.check(
          "name: p90\npattern: stats.timers.api.*.upper_90\nwarning: 250\ncritical: 500\n"
              + "no-data: {after: 5m}\nlabels: {team: api}\n"
              + "description: '{series} is {value}'");

  private final IncidentBook book = new IncidentBook();

  @Test
  void leavingOkOpensAnIncidentWithItsTriggeringValue() {
    List<IncidentEvent> events = book.apply(CHECK, SERIES, change(OK, WARNING, 300.0), T);

    assertThat(events).hasSize(1);
    IncidentEvent opened = events.get(0);
    assertThat(opened.kind()).isEqualTo(Kind.OPENED);
    assertThat(opened.pages()).isTrue();
    assertThat(opened.incident())
        .isEqualTo(
            new Incident(
                IncidentIds.of("p90", SERIES, T),
                "p90",
                SERIES,
                WARNING,
                "page",
                Map.of("team", "api"),
                SERIES + " is 300",
                T,
                null,
                300.0,
                false,
                0,
                false,
                List.of(new IncidentTransition(T, OK, WARNING, 300.0))));
    assertThat(opened.incident().id()).hasSize(16).matches("[0-9a-f]+");
  }

  @Test
  void escalatesInPlaceThenResolves() {
    String id = book.apply(CHECK, SERIES, change(OK, WARNING, 300.0), T).get(0).incident().id();

    IncidentEvent escalated =
        book.apply(CHECK, SERIES, change(WARNING, CRITICAL, 600.0), T + 10_000).get(0);
    assertThat(escalated.kind()).isEqualTo(Kind.ESCALATED);
    assertThat(escalated.incident().id()).isEqualTo(id);
    assertThat(escalated.incident().state()).isEqualTo(CRITICAL);
    assertThat(escalated.incident().triggerValue()).isEqualTo(300.0);
    assertThat(escalated.incident().description()).isEqualTo(SERIES + " is 600");

    IncidentEvent calmer =
        book.apply(CHECK, SERIES, change(CRITICAL, WARNING, 400.0), T + 20_000).get(0);
    assertThat(calmer.kind()).isEqualTo(Kind.CHANGED);
    assertThat(calmer.pages()).isTrue();

    IncidentEvent resolved =
        book.apply(CHECK, SERIES, change(WARNING, OK, 100.0), T + 30_000).get(0);
    assertThat(resolved.kind()).isEqualTo(Kind.RESOLVED);
    assertThat(resolved.pages()).isTrue();
    assertThat(resolved.incident().id()).isEqualTo(id);
    assertThat(resolved.incident().resolvedAtMillis()).isEqualTo(T + 30_000);
    assertThat(resolved.incident().history())
        .extracting(IncidentTransition::to)
        .containsExactly(WARNING, CRITICAL, WARNING, OK);
    assertThat(book.open()).isEmpty();
    assertThat(book.get(id)).contains(resolved.incident());

    IncidentEvent next = book.apply(CHECK, SERIES, change(OK, CRITICAL, 700.0), T + 40_000).get(0);
    assertThat(next.kind()).isEqualTo(Kind.OPENED);
    assertThat(next.incident().id()).isNotEqualTo(id);
  }

  @Test
  void missingDataOpensAnIncidentThatDoesNotPageUnlessTheCheckSaysSo() {
    IncidentEvent quiet = book.apply(CHECK, SERIES, change(OK, UNKNOWN, null), T).get(0);
    assertThat(quiet.kind()).isEqualTo(Kind.OPENED);
    assertThat(quiet.pages()).isFalse();
    assertThat(quiet.incident().triggerValue()).isNull();
    IncidentEvent back = book.apply(CHECK, SERIES, change(UNKNOWN, OK, 10.0), T + 1).get(0);
    assertThat(back.kind()).isEqualTo(Kind.RESOLVED);
    assertThat(back.pages()).isFalse();

    Check paging =
        TestChecks.check("name: p90\npattern: x\ncritical: 500\nno-data: {after: 5m, pages: true}");
    assertThat(book.apply(paging, "x", change(OK, UNKNOWN, null), T).get(0).pages()).isTrue();
  }

  @Test
  void aFlappingSeriesPagesOnceAndStaysOpenUntilItSettles() {
    book.apply(CHECK, SERIES, change(OK, WARNING, 300.0), T);
    book.apply(CHECK, SERIES, change(WARNING, OK, 100.0), T + 1);
    book.apply(CHECK, SERIES, change(OK, WARNING, 300.0), T + 2);

    List<IncidentEvent> starts =
        book.apply(CHECK, SERIES, new SeriesChange(WARNING, OK, 100.0, true, true), T + 3);
    assertThat(starts)
        .extracting(IncidentEvent::kind)
        .containsExactly(Kind.CHANGED, Kind.FLAPPING_STARTED);
    assertThat(starts).extracting(IncidentEvent::pages).containsExactly(false, true);
    assertThat(starts.get(1).incident().isOpen()).isTrue();

    List<IncidentEvent> whileFlapping =
        book.apply(CHECK, SERIES, new SeriesChange(OK, CRITICAL, 900.0, true, false), T + 4);
    assertThat(whileFlapping).extracting(IncidentEvent::pages).containsExactly(false);

    book.apply(CHECK, SERIES, new SeriesChange(CRITICAL, OK, 100.0, true, false), T + 5);
    List<IncidentEvent> settles =
        book.apply(CHECK, SERIES, new SeriesChange(OK, OK, 100.0, false, true), T + 6);
    assertThat(settles)
        .extracting(IncidentEvent::kind)
        .containsExactly(Kind.FLAPPING_STOPPED, Kind.RESOLVED);
    assertThat(settles).extracting(IncidentEvent::pages).containsExactly(false, true);
    assertThat(book.open()).isEmpty();
  }

  @Test
  void silencedIncidentsDoNotPageUntilTheSilenceEnds() {
    String id = book.apply(CHECK, SERIES, change(OK, WARNING, 300.0), T).get(0).incident().id();

    IncidentEvent silenced = book.silence(id, Duration.ofMinutes(10), T).orElseThrow();
    assertThat(silenced.kind()).isEqualTo(Kind.SILENCED);
    assertThat(silenced.pages()).isFalse();
    assertThat(silenced.incident().silencedUntilMillis()).isEqualTo(T + 600_000);

    assertThat(
            book.apply(CHECK, SERIES, change(WARNING, CRITICAL, 600.0), T + 599_999).get(0).pages())
        .isFalse();
    assertThat(
            book.apply(CHECK, SERIES, change(CRITICAL, WARNING, 300.0), T + 600_000).get(0).pages())
        .isTrue();
  }

  @Test
  void acknowledgingMarksAnOpenIncidentOnly() {
    String id = book.apply(CHECK, SERIES, change(OK, WARNING, 300.0), T).get(0).incident().id();

    IncidentEvent acked = book.acknowledge(id, T + 5).orElseThrow();
    assertThat(acked.kind()).isEqualTo(Kind.ACKNOWLEDGED);
    assertThat(acked.pages()).isFalse();
    assertThat(book.get(id).orElseThrow().acknowledged()).isTrue();

    book.apply(CHECK, SERIES, change(WARNING, OK, 10.0), T + 6);
    assertThat(book.acknowledge(id, T + 7)).isEmpty();
    assertThat(book.acknowledge("nope", T + 7)).isEmpty();
  }

  @Test
  void restoredOpenIncidentsAreFoundBySeries() {
    Incident stored = book.apply(CHECK, SERIES, change(OK, CRITICAL, 900.0), T).get(0).incident();
    IncidentBook restarted = new IncidentBook();
    restarted.restore(stored);

    assertThat(restarted.openFor("p90", SERIES)).contains(stored);
    assertThat(restarted.apply(CHECK, SERIES, change(CRITICAL, OK, 1.0), T + 1).get(0).kind())
        .isEqualTo(Kind.RESOLVED);
  }

  @Test
  void incidentsOfARemovedCheckCloseWithoutPaging() {
    book.apply(CHECK, SERIES, change(OK, CRITICAL, 900.0), T);

    assertThat(book.closeAllBut(List.of("p90"), T + 1)).isEmpty();
    List<IncidentEvent> closed = book.closeAllBut(List.of("other"), T + 2);
    assertThat(closed).extracting(IncidentEvent::kind).containsExactly(Kind.RESOLVED);
    assertThat(closed.get(0).pages()).isFalse();
    assertThat(closed.get(0).incident().resolvedAtMillis()).isEqualTo(T + 2);
    assertThat(book.open()).isEmpty();
  }

  private static SeriesChange change(SeriesState from, SeriesState to, Double value) {
    return new SeriesChange(from, to, value, false, false);
  }
}
