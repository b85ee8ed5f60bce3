package dev.mosaic.notifier.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.notifier.TestIncidents;
import dev.mosaic.notifier.escalation.EscalationPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscalationsParserTest {
  private final RoutesFileParser parser = new RoutesFileParser(name -> null);

  private static final String RECEIVERS = TestReceivers.ALICE_BOB_CAROL_CHAT;

  @Test
  void parsesLevelsAndChildRoutesInheritTheirParentsPolicy() throws Exception {
    Routing routing =
        parser.parse(
            "f.yaml",
            RECEIVERS
                + """
                schedules:
                  - {name: sec, time-zone: UTC, hand-off: "08:00", shift: daily,
                     start: 2024-01-01, members: [carol]}
                escalations:
                  - name: api
                    levels:
                      - {after: 10m, receivers: [oncall:sec]}
                      - {after: 1h, receivers: [bob, chat]}
                routes:
                  - match: {labels: {team: api}}
                    escalation: api
                    routes:
                      - {match: {severity: page}, receivers: [alice]}
                  - receivers: [chat]
                """);

    assertThat(routing.escalations().get("api"))
        .isEqualTo(
            new EscalationPolicy(
                "api",
                List.of(
                    new EscalationPolicy.Level(Duration.ofMinutes(10), List.of("oncall:sec")),
                    new EscalationPolicy.Level(Duration.ofHours(1), List.of("bob", "chat")))));
    assertThat(
            routing
                .tree()
                .routesFor(TestIncidents.incident("c", "s", "page", Map.of("team", "api"))))
        .extracting(Route::escalation)
        .containsExactly("api");
    assertThat(routing.tree().routesFor(TestIncidents.incident("c", "s", "page", Map.of())))
        .extracting(Route::escalation)
        .containsOnlyNulls();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown escalation | escalations:\\n  - {name: e, levels: [{after: 5m, receivers: [bob]}]}"
            + "\\nroutes:\\n  - {receivers: [chat], escalation: ee}"
            + " | f.yaml:9: no escalation is named 'ee'",
        "level without wait | escalations:\\n  - {name: e, levels: [{receivers: [bob]}]}"
            + " | f.yaml:7: an escalation level needs a positive 'after'",
        "bad wait | escalations:\\n  - {name: e, levels: [{after: soon, receivers: [bob]}]}"
            + " | f.yaml:7: after must be a duration like 30s, 5m or 4h, not 'soon'",
        "level to nobody | escalations:\\n  - {name: e, levels: [{after: 5m, receivers: [zed]}]}"
            + " | f.yaml:7: no receiver is named 'zed'"
      })
  void rejectsBrokenPoliciesWithFileAndLine(String what, String text, String message) {
    assertThatThrownBy(() -> parser.parse("f.yaml", RECEIVERS + text.replace("\\n", "\n")))
        .isInstanceOf(RoutesFileException.class)
        .hasMessageStartingWith(message);
  }
}
