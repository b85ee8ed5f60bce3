package dev.mosaic.notifier.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.contract.SeriesState;
import dev.mosaic.notifier.TestIncidents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationGroupsTest {
  private static final Grouping BY_CHECK =
      new Grouping(
          List.of("check"), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4));
  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

  private final List<String> changes = new ArrayList<>();
  private final NotificationGroups groups =
      new NotificationGroups(
          new NotificationGroups.Listener() {
            @Override
            public void saved(NotificationGroup group) {
              changes.add("saved " + group.key() + " " + group.events().size());
            }

            @Override
            public void removed(String key) {
              changes.add("removed " + key);
            }
          });

  private static IncidentEvent opened(String check, String series) {
    return TestIncidents.opened(TestIncidents.incident(check, series, "page", Map.of()));
  }

  private static IncidentEvent with(IncidentEvent event, Kind kind, Incident incident) {
    return new IncidentEvent(kind, event.atMillis() + 1, kind != Kind.ACKNOWLEDGED, incident);
  }

  private static Incident resolved(Incident incident) {
    return new Incident(
        incident.id(),
        incident.check(),
        incident.series(),
        SeriesState.OK,
        incident.severity(),
        incident.labels(),
        incident.description(),
        incident.openedAtMillis(),
        incident.openedAtMillis() + 60_000,
        incident.triggerValue(),
        incident.acknowledged(),
        0,
        false,
        incident.history());
  }

  private static Incident acknowledged(Incident incident) {
    return new Incident(
        incident.id(),
        incident.check(),
        incident.series(),
        incident.state(),
        incident.severity(),
        incident.labels(),
        incident.description(),
        incident.openedAtMillis(),
        null,
        incident.triggerValue(),
        true,
        0,
        false,
        incident.history());
  }

  private void add(IncidentEvent event, Instant now) {
    groups.add(7, List.of("ops"), BY_CHECK, event, now);
  }

  @Test
  void fiftySeriesOfOneCheckBreakingTogetherMakeOneGroupSentAfterGroupWait() {
    for (int i = 0; i < 50; i++) {
      add(opened("api-latency", "stats.api.host" + i), T0.plusMillis(i * 100L));
    }
    add(opened("disk-full", "stats.disk.host1"), T0);

    assertThat(groups.due(T0.plusSeconds(29))).isEmpty();
    List<NotificationGroup> due = groups.due(T0.plusSeconds(30));
    assertThat(due)
        .extracting(NotificationGroup::key)
        .containsExactly("7:check=api-latency", "7:check=disk-full");
    NotificationGroup api = due.get(0);
    assertThat(api.events()).hasSize(50);
    assertThat(api.labels()).isEqualTo(Map.of("check", "api-latency"));
    assertThat(api.nextIdempotencyKey()).isEqualTo("group/7:check=api-latency/1");
  }

  @Test
  void aChangedGroupIsSentAgainNoSoonerThanGroupIntervalAfterItsLastNotification() {
    add(opened("api", "s1"), T0);
    Instant firstSent = T0.plusSeconds(30);
    groups.flushed(groups.due(firstSent).get(0), firstSent);
    assertThat(groups.due(firstSent.plusSeconds(1))).isEmpty();

    add(opened("api", "s2"), firstSent.plusSeconds(60));

    assertThat(groups.due(firstSent.plus(Duration.ofMinutes(5)).minusMillis(1))).isEmpty();
    NotificationGroup second = groups.due(firstSent.plus(Duration.ofMinutes(5))).get(0);
    assertThat(second.events()).hasSize(2);
    assertThat(second.nextIdempotencyKey()).isEqualTo("group/7:check=api/2");
  }

  @Test
  void aChangeLongAfterTheLastNotificationIsSentAtOnce() {
    add(opened("api", "s1"), T0);
    groups.flushed(groups.due(T0.plusSeconds(30)).get(0), T0.plusSeconds(30));
    Instant late = T0.plus(Duration.ofHours(1));

    add(opened("api", "s2"), late);

    assertThat(groups.due(late)).hasSize(1);
  }

  @Test
  void anUnchangedGroupWithOpenIncidentsRepeatsAfterRepeatInterval() {
    add(opened("api", "s1"), T0);
    Instant sent = T0.plusSeconds(30);
    groups.flushed(groups.due(sent).get(0), sent);

    assertThat(groups.due(sent.plus(Duration.ofHours(4)).minusMillis(1))).isEmpty();
    assertThat(groups.due(sent.plus(Duration.ofHours(4)))).hasSize(1);
  }

  @Test
  void anAcknowledgedGroupDoesNotRepeat() {
    IncidentEvent opened = opened("api", "s1");
    add(opened, T0);
    add(with(opened, Kind.ACKNOWLEDGED, acknowledged(opened.incident())), T0.plusSeconds(1));
    Instant sent = T0.plusSeconds(30);
    groups.flushed(groups.due(sent).get(0), sent);

    assertThat(groups.due(sent.plus(Duration.ofDays(7)))).isEmpty();
    assertThat(groups.groups()).hasSize(1);
  }

  @Test
  void resolvedIncidentsAreSentOnceThenLeaveAndAnEmptyGroupEnds() {
    IncidentEvent a = opened("api", "s1");
    IncidentEvent b = opened("api", "s2");
    add(a, T0);
    add(b, T0);
    groups.flushed(groups.due(T0.plusSeconds(30)).get(0), T0.plusSeconds(30));

    add(with(a, Kind.RESOLVED, resolved(a.incident())), T0.plusSeconds(60));
    NotificationGroup withResolved = groups.due(T0.plus(Duration.ofMinutes(6))).get(0);
    assertThat(withResolved.events()).hasSize(2);
    groups.flushed(withResolved, T0.plus(Duration.ofMinutes(6)));
    assertThat(groups.groups().iterator().next().events()).containsOnlyKeys(b.incident().id());

    add(with(b, Kind.RESOLVED, resolved(b.incident())), T0.plus(Duration.ofMinutes(7)));
    Instant last = T0.plus(Duration.ofMinutes(11));
    groups.flushed(groups.due(last).get(0), last);

    assertThat(groups.groups()).isEmpty();
    assertThat(changes).last().isEqualTo("removed 7:check=api");
  }

  @Test
  void aPostponedGroupCollectsLaterEvents() {
    add(opened("api", "s1"), T0);
    NotificationGroup due = groups.due(T0.plusSeconds(30)).get(0);

    groups.postpone(due, T0.plusSeconds(40));
    add(opened("api", "s2"), T0.plusSeconds(35));

    assertThat(groups.due(T0.plusSeconds(39))).isEmpty();
    assertThat(groups.due(T0.plusSeconds(40)).get(0).events()).hasSize(2);
  }

  @Test
  void groupByAMissingLabelGroupsUnderAnEmptyValue() {
    Grouping byTeam =
        new Grouping(
            List.of("team", "severity"), Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1));

    assertThat(byTeam.labelsOf(opened("api", "s").incident()))
        .containsExactly(Map.entry("severity", "page"), Map.entry("team", ""));
  }
}
