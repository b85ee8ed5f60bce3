package dev.mosaic.notifier.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.notifier.TestIncidents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EscalationTimersTest {
  private static final EscalationPolicy POLICY =
      new EscalationPolicy(
          "api",
          List.of(
              new EscalationPolicy.Level(Duration.ofMinutes(10), List.of("second")),
              new EscalationPolicy.Level(Duration.ofMinutes(20), List.of("third"))));
  private static final IncidentEvent OPENED =
      new IncidentEvent(Kind.OPENED, 0, true, TestIncidents.incident("c", "s", "page", Map.of()));

  private final List<String> changes = new ArrayList<>();
  private final EscalationTimers timers =
      new EscalationTimers(
          new EscalationTimers.Listener() {
            @Override
            public void saved(PendingEscalation pending) {
              changes.add("saved " + pending.level() + "@" + pending.dueAtMillis());
            }

            @Override
            public void removed(String incidentId) {
              changes.add("removed " + incidentId);
            }
          });

  private static Instant at(Duration sinceOpening) {
    return Instant.ofEpochMilli(sinceOpening.toMillis());
  }

  @Test
  void levelsFallDueOneAfterTheOtherCountedFromThePreviousLevel() {
    timers.start(OPENED, POLICY);

    assertThat(timers.due(at(Duration.ofMinutes(10).minusMillis(1)))).isEmpty();
    PendingEscalation first = timers.due(at(Duration.ofMinutes(10))).get(0);
    assertThat(first.level()).isEqualTo(1);
    timers.advance(first, POLICY);
    // Even when the notifier comes late, the next level is due 20 minutes after the first was.
    PendingEscalation second = timers.due(at(Duration.ofHours(1))).get(0);
    assertThat(second.level()).isEqualTo(2);
    assertThat(second.dueAtMillis()).isEqualTo(Duration.ofMinutes(30).toMillis());
    timers.advance(second, POLICY);

    assertThat(timers.pending()).isEmpty();
    assertThat(changes).containsExactly("saved 1@600000", "saved 2@1800000", "removed inc-c-s");
  }

  @Test
  void aDueLevelStaysDueUntilAdvanced() {
    timers.start(OPENED, POLICY);

    assertThat(timers.due(at(Duration.ofMinutes(11)))).hasSize(1);
    assertThat(timers.due(at(Duration.ofMinutes(12)))).hasSize(1);
  }

  @Test
  void acknowledgedSilencedOrResolvedStopsTheTimer() {
    for (Kind kind : List.of(Kind.ACKNOWLEDGED, Kind.SILENCED, Kind.RESOLVED)) {
      timers.start(OPENED, POLICY);
      timers.onEvent(new IncidentEvent(kind, 1, false, OPENED.incident()));

      assertThat(timers.due(at(Duration.ofDays(1)))).as(kind.name()).isEmpty();
    }
  }

  @Test
  void aLaterEventIsWhatTheEscalationDescribesAndAStartAgainKeepsTheTimer() {
    timers.start(OPENED, POLICY);
    IncidentEvent changed = new IncidentEvent(Kind.CHANGED, 5, true, OPENED.incident());
    timers.onEvent(changed);
    timers.start(new IncidentEvent(Kind.OPENED, 60_000, true, OPENED.incident()), POLICY);

    PendingEscalation due = timers.due(at(Duration.ofMinutes(10))).get(0);
    assertThat(due.event()).isEqualTo(changed);
    assertThat(due.dueAtMillis()).isEqualTo(600_000);
  }

  @Test
  void aPolicyRemovedFromTheRoutesFileEndsItsTimers() {
    timers.start(OPENED, POLICY);

    timers.advance(timers.due(at(Duration.ofMinutes(10))).get(0), null);

    assertThat(timers.pending()).isEmpty();
  }
}
