package dev.mosaic.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.SeriesState;
import dev.mosaic.notifier.TestIncidents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackMessageEncoderTest {
  @Test
  void writesOneEscapedTextLineWithALinkToTheIncident() {
    Incident incident =
        new Incident(
            "i-1",
            "queue<depth>",
            "stats.q",
            SeriesState.WARNING,
            "ticket",
            Map.of(),
            "depth > 100 & rising",
            1L,
            null,
            120.0,
            false,
            0,
            false,
            List.of());
    IncidentEvent event =
        new IncidentEvent(IncidentEvent.Kind.FLAPPING_STARTED, 2L, true, incident);

    String body =
        new String(
            new SlackMessageEncoder("https://mosaic.example/i/{id}").encode(event),
            StandardCharsets.UTF_8);

    assertThat(body)
        .isEqualTo(
            "{\"text\":\"*flapping started* [WARNING] queue&lt;depth&gt; on `stats.q`:"
                + " depth &gt; 100 &amp; rising <https://mosaic.example/i/i-1|incident>\"}");
  }

  @Test
  void noTemplateMeansNoLink() {
    IncidentEvent event =
        TestIncidents.opened(TestIncidents.incident("api", "stats.api", "page", Map.of()));

    assertThat(new String(new SlackMessageEncoder("").encode(event), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"text\":\"*opened* [CRITICAL] api on `stats.api`: api: stats.api is critical at"
                + " 612.5\"}");
  }

  @Test
  void aGroupHasAHeaderWithCountsAndOneLinePerIncidentUpToTheLimit() {
    List<IncidentEvent> events = new ArrayList<>();
    for (int i = 0; i < 22; i++) {
      events.add(
          TestIncidents.opened(TestIncidents.incident("api", "stats.h" + i, "page", Map.of())));
    }
    GroupedEvents group =
        new GroupedEvents("4:check=api", "group/4:check=api/1", Map.of("check", "api"), events, 1L);

    String text =
        new String(new SlackMessageEncoder("").encodeGroup(group), StandardCharsets.UTF_8);

    assertThat(text)
        .startsWith("{\"text\":\"*[FIRING:22]* check=api\\n*opened* [CRITICAL] api on `stats.h0`: ")
        .endsWith("\\n… and 2 more\"}");
    assertThat(text.split("\\\\n")).hasSize(1 + 20 + 1);
  }

  @Test
  void anEscalationPrefixesTheEventsLineWithItsLevel() {
    IncidentEvent event =
        TestIncidents.opened(TestIncidents.incident("api", "stats.a", "page", Map.of()));
    SlackMessageEncoder encoder = new SlackMessageEncoder("");

    String text = new String(encoder.encodeEscalation(event, 1), StandardCharsets.UTF_8);

    assertThat(text)
        .isEqualTo(
            "{\"text\":\"*not acknowledged, escalation level 1* " + encoder.line(event) + "\"}");
    assertThat(text)
        .startsWith("{\"text\":\"*not acknowledged, escalation level 1* *opened* [CRITICAL] api");
  }
}
