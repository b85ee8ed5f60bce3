package dev.mosaic.stateengine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.stateengine.check.Check;
import dev.mosaic.stateengine.check.TestChecks;
import dev.mosaic.stateengine.incident.IncidentBook;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link CheckEngine} writes to its journal, per partition, and how partitions move. */
class CheckEnginePartitionTest {
  private static final long T = 1_700_000_000_000L;
  private static final Check LATENCY =
      TestChecks.check("name: latency\npattern: stats.timers.*.upper_90\ncritical: 500\nfor: 3");
  private static final String API = "stats.timers.api.upper_90";
  private static final String WEB = "stats.timers.web.upper_90";

  private final RecordingJournal journal = new RecordingJournal();
  private final CheckEngine engine = engine(journal);

  private static CheckEngine engine(StateJournal journal) {
    return new CheckEngine(
        new IncidentBook(), new RecentValues(10, 100), journal, Duration.ofHours(1));
  }

  @Test
  void everyWriteNamesThePartitionOfItsSeries() {
    engine.replaceChecks(List.of(LATENCY), T);
    engine.onPoint(point(API, 100), 3, T); // at rest: nothing to save
    engine.onPoint(point(API, 900), 3, T);
    engine.onPoint(point(API, 900), 3, T);
    String id = engine.onPoint(point(API, 900), 3, T).get(0).incident().id();
    engine.acknowledge(id, T);

    assertThat(journal.lines)
        .containsExactly(
            "3 series series/latency/" + API + " OK", // CRITICAL pending 1/3
            "3 series series/latency/" + API + " OK", // 2/3
            "3 event OPENED",
            "3 series series/latency/" + API + " CRITICAL",
            "3 event ACKNOWLEDGED");
  }

  @Test
  void aRestoredPartitionContinuesAPendingForNCount() {
    engine.replaceChecks(List.of(LATENCY), T);
    engine.onPoint(point(API, 900), 2, T);
    engine.onPoint(point(API, 900), 2, T);

    RecordingJournal otherJournal = new RecordingJournal();
    CheckEngine other = engine(otherJournal);
    other.replaceChecks(List.of(LATENCY), T + 1);
    other.restore(2, List.of(), journal.snapshots.values(), T + 1);
    List<IncidentEvent> third = other.onPoint(point(API, 900), 2, T + 2);

    assertThat(third).extracting(IncidentEvent::kind).containsExactly(Kind.OPENED);
  }

  @Test
  void droppingAPartitionForgetsItsSeriesAndIncidents() {
    engine.replaceChecks(
        List.of(TestChecks.check("name: latency\npattern: stats.timers.*.upper_90\ncritical: 500")),
        T);
    engine.onPoint(point(API, 900), 0, T);
    engine.onPoint(point(WEB, 900), 1, T);

    engine.drop(List.of(1));

    assertThat(engine.incidents(false)).extracting(Incident::series).containsExactly(API);
    assertThat(engine.states(Set.of("latency")).get("latency")).containsOnlyKeys(API);
  }

  @Test
  void aResolvedIncidentIsForgottenAfterTheRetention() {
    engine.replaceChecks(
        List.of(TestChecks.check("name: latency\npattern: stats.timers.*.upper_90\ncritical: 500")),
        T);
    String id = engine.onPoint(point(API, 900), 4, T).get(0).incident().id();
    engine.onPoint(point(API, 10), 4, T + 1000);

    engine.onTick(T + 1000 + Duration.ofHours(1).toMillis());
    assertThat(engine.incident(id)).isPresent(); // still shown
    assertThat(journal.lines).doesNotContain("4 forgotten " + id);

    engine.onTick(T + 1001 + Duration.ofHours(1).toMillis());
    assertThat(engine.incident(id)).isEmpty();
    assertThat(journal.lines).contains("4 forgotten " + id);
  }

  @Test
  void removingACheckDeletesTheSavedStateOfItsSeries() {
    engine.replaceChecks(List.of(LATENCY), T);
    engine.onPoint(point(API, 900), 5, T);

    engine.replaceChecks(List.of(), T + 1);

    assertThat(journal.lines).endsWith("5 series series/latency/" + API + " deleted");
  }

  private static AggregatePoint point(String name, double value) {
    return new AggregatePoint(name, value, T / 1000);
  }
}
