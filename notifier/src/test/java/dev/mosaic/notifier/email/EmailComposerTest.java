package dev.mosaic.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.notifier.TestIncidents;
import dev.mosaic.notifier.webhook.GroupedEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailComposerTest {
  private static final IncidentEvent OPENED =
      TestIncidents.opened(
          TestIncidents.incident(
              "api-latency", "stats.api.upper_90", "page", Map.of("team", "api")));

  @Test
  void anEventHasATitleSubjectAndTheDocumentedBody() {
    EmailMessage message = new EmailComposer("https://mosaic.example/incidents/{id}").event(OPENED);

    assertThat(message.subject())
        .isEqualTo("[mosaic] OPENED CRITICAL api-latency on stats.api.upper_90");
    assertThat(message.idempotencyKey())
        .isEqualTo("inc-api-latency-stats.api.upper_90/opened/1700000000000");
    assertThat(message.body())
        .isEqualTo(
            """
            opened: api-latency on stats.api.upper_90 is CRITICAL
            api-latency: stats.api.upper_90 is critical at 612.5

            Severity: page
            Trigger value: 612.5
            Opened: 2023-11-14T22:13:20Z
            Acknowledged: no
            Labels: team=api
            Incident: https://mosaic.example/incidents/inc-api-latency-stats.api.upper_90
            Incident id: inc-api-latency-stats.api.upper_90
            """);
  }

  @Test
  void anEscalationSaysItsLevel() {
    EmailMessage message = new EmailComposer("").escalation(OPENED, 2);

    assertThat(message.subject())
        .isEqualTo(
            "[mosaic] NOT ACKNOWLEDGED (level 2) OPENED CRITICAL api-latency on stats.api.upper_90");
    assertThat(message.body())
        .startsWith("Nobody acknowledged this incident; you are escalation level 2.\n\nopened: ");
    assertThat(message.idempotencyKey()).endsWith("/escalation/2");
  }

  @Test
  void aGroupListsItsIncidentsUpToTheLimit() {
    List<IncidentEvent> events = new ArrayList<>();
    for (int i = 0; i < EmailComposer.MAX_GROUP_INCIDENTS + 3; i++) {
      events.add(TestIncidents.opened(TestIncidents.incident("api", "s" + i, "page", Map.of())));
    }
    GroupedEvents group =
        new GroupedEvents("4:check=api", "group/4:check=api/1", Map.of("check", "api"), events, 1L);

    EmailMessage message = new EmailComposer("").group(group);

    assertThat(message.subject()).isEqualTo("[mosaic] [FIRING:103] check=api");
    assertThat(message.body())
        .startsWith(
            "[FIRING:103] check=api\n\n- OPENED CRITICAL api on s0: api: s0 is critical at 612.5\n")
        .endsWith("… and 3 more\n\nIdempotency-Key: group/4:check=api/1\n");
    assertThat(message.body().lines().filter(l -> l.startsWith("- "))).hasSize(100);
  }
}
