package dev.mosaic.notifier.route;

import static dev.mosaic.notifier.TestIncidents.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.notifier.schedule.OnCall;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulesParserTest {
  private final RoutesFileParser parser = new RoutesFileParser(name -> null);

  private static final String RECEIVERS = TestReceivers.ALICE_BOB_CAROL_CHAT;

  private static final String SCHEDULES =
      """
      schedules:
        - name: api-primary
          time-zone: Europe/Berlin
          hand-off: "09:00"
          shift: weekly
          start: 2024-03-03
          members: [alice, bob]
          overrides:
            - {member: carol, from: 2024-03-30, until: 2024-04-01T18:00}
      """;

  @Test
  void aRouteToOnCallReachesWhoeverIsOnCallNow() throws Exception {
    Routing routing =
        parser.parse(
            "notifier.yaml",
            RECEIVERS + SCHEDULES + "routes:\n  - receivers: [oncall:api-primary, chat]\n");
    var anIncident = incident("c", "s", "page", Map.of());

    assertThat(routing.receiversFor(anIncident, Instant.parse("2024-03-25T12:00:00Z")))
        .containsExactly("bob", "chat");
    assertThat(routing.receiversFor(anIncident, Instant.parse("2024-03-31T12:00:00Z")))
        .containsExactly("carol", "chat");
    assertThat(routing.receiversFor(anIncident, Instant.parse("2024-04-02T12:00:00Z")))
        .containsExactly("alice", "chat");
  }

  @Test
  void overrideDatesMeanTheHandOffOfThatDayAndDateTimesAreLocal() throws Exception {
    Routing routing = parser.parse("notifier.yaml", RECEIVERS + SCHEDULES);

    OnCall carol =
        routing.schedules().get("api-primary").onCallAt(Instant.parse("2024-03-31T00:00:00Z"));

    // 2024-03-30 09:00 CET and 2024-04-01 18:00 CEST.
    assertThat(carol.from()).isEqualTo(Instant.parse("2024-03-30T08:00:00Z"));
    assertThat(carol.until()).isEqualTo(Instant.parse("2024-04-01T16:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown schedule | routes:\\n  - receivers: [oncall:nope]"
            + " | f.yaml:16: no schedule is named 'nope'",
        "bad zone | schedules:\\n  - {name: x, time-zone: Mars/Base, hand-off: '09:00',"
            + " shift: daily, start: 2024-01-01, members: [alice]}"
            + " | f.yaml:7: unknown time-zone: ",
        "bad shift | schedules:\\n  - {name: x, time-zone: UTC, hand-off: '09:00',"
            + " shift: monthly, start: 2024-01-01, members: [alice]}"
            + " | f.yaml:7: shift must be daily or weekly, not 'monthly'",
        "bad hand-off | schedules:\\n  - {name: x, time-zone: UTC, hand-off: 9am,"
            + " shift: daily, start: 2024-01-01, members: [alice]}"
            + " | f.yaml:7: hand-off must be a local time like 09:00",
        "member not a receiver | schedules:\\n  - {name: x, time-zone: UTC, hand-off: '09:00',"
            + " shift: daily, start: 2024-01-01, members: [alice, zed]}"
            + " | f.yaml:7: member 'zed' is not a receiver",
        "no members | schedules:\\n  - {name: x, time-zone: UTC, hand-off: '09:00',"
            + " shift: daily, start: 2024-01-01}"
            + " | f.yaml:7: schedule 'x' needs members",
        "override backwards | schedules:\\n  - {name: x, time-zone: UTC, hand-off: '09:00',"
            + " shift: daily, start: 2024-01-01, members: [alice],"
            + " overrides: [{member: bob, from: 2024-02-02, until: 2024-02-01}]}"
            + " | f.yaml:7: an override must end after it starts",
      })
  void rejectsBrokenSchedulesWithFileAndLine(String what, String text, String message) {
    String file =
        what.equals("unknown schedule")
            ? RECEIVERS + SCHEDULES + text.replace("\\n", "\n")
            : RECEIVERS + text.replace("\\n", "\n");

    assertThatThrownBy(() -> parser.parse("f.yaml", file))
        .isInstanceOf(RoutesFileException.class)
        .hasMessageStartingWith(message);
  }
}
