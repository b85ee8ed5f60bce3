package dev.mosaic.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentTransition;
import dev.mosaic.contract.SeriesState;
import dev.mosaic.notifier.TestIncidents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookPayloadEncoderTest {
  private static final Incident RESOLVED =
      new Incident(
          "api-latency/abc123",
          "api-latency",
          "stats.timers.api.upper_90",
          SeriesState.OK,
          "page",
          Map.of("team", "api", "runbook", "https://runbooks.example/api"),
          "p90 is 612.5 ms",
          1_000L,
          5_000L,
          612.5,
          true,
          0,
          false,
          List.of(
              new IncidentTransition(1_000L, SeriesState.OK, SeriesState.CRITICAL, 612.5),
              new IncidentTransition(5_000L, SeriesState.CRITICAL, SeriesState.OK, 120.0)));

  @Test
  void encodesTheDocumentedPayloadExactly() {
    IncidentEvent event = new IncidentEvent(IncidentEvent.Kind.RESOLVED, 5_000L, true, RESOLVED);

    Notification notification =
        new WebhookPayloadEncoder("https://mosaic.example/incidents/{id}").encode(event);

    assertThat(notification.idempotencyKey()).isEqualTo("api-latency/abc123/resolved/5000");
    assertThat(notification.incidentId()).isEqualTo("api-latency/abc123");
    assertThat(new String(notification.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"version\":1,\"idempotency_key\":\"api-latency/abc123/resolved/5000\","
                + "\"event\":\"resolved\",\"at_millis\":5000,\"pages\":true,"
                + "\"incident\":{\"id\":\"api-latency/abc123\",\"check\":\"api-latency\","
                + "\"series\":\"stats.timers.api.upper_90\",\"state\":\"ok\",\"severity\":\"page\","
                + "\"description\":\"p90 is 612.5 ms\",\"opened_at_millis\":1000,"
                + "\"resolved_at_millis\":5000,\"acknowledged\":true,\"flapping\":false},"
                + "\"labels\":{\"runbook\":\"https://runbooks.example/api\",\"team\":\"api\"},"
                + "\"values\":{\"trigger\":612.5,\"history\":["
                + "{\"at_millis\":1000,\"from\":\"ok\",\"to\":\"critical\",\"value\":612.5},"
                + "{\"at_millis\":5000,\"from\":\"critical\",\"to\":\"ok\",\"value\":120.0}]},"
                + "\"links\":{\"incident\":\"https://mosaic.example/incidents/api-latency/abc123\","
                + "\"runbook\":\"https://runbooks.example/api\"}}");
  }

  @Test
  void missingValuesAreNullAndNoTemplateMeansNoIncidentLink() {
    Incident noData =
        new Incident(
            "i-2",
            "c",
            "s",
            SeriesState.UNKNOWN,
            "ticket",
            Map.of(),
            "d",
            1L,
            null,
            null,
            false,
            0,
            false,
            List.of(new IncidentTransition(1L, SeriesState.OK, SeriesState.UNKNOWN, null)));

    String body =
        new String(
            new WebhookPayloadEncoder("")
                .encode(new IncidentEvent(IncidentEvent.Kind.OPENED, 1L, true, noData))
                .body(),
            StandardCharsets.UTF_8);

    assertThat(body)
        .contains("\"resolved_at_millis\":null")
        .contains(
            "\"values\":{\"trigger\":null,\"history\":[{\"at_millis\":1,\"from\":\"ok\","
                + "\"to\":\"unknown\",\"value\":null}]}")
        .endsWith("\"links\":{}}");
  }

  @Test
  void encodesAGroupAsAListOfEventsWithTheSingleEventFields() {
    IncidentEvent resolved = new IncidentEvent(IncidentEvent.Kind.RESOLVED, 5_000L, true, RESOLVED);
    IncidentEvent opened =
        TestIncidents.opened(TestIncidents.incident("api-latency", "stats.b", "page", Map.of()));
    WebhookPayloadEncoder encoder = new WebhookPayloadEncoder("");
    GroupedEvents group =
        new GroupedEvents(
            "4:check=api-latency",
            "group/4:check=api-latency/2",
            Map.of("check", "api-latency"),
            List.of(resolved, opened),
            9_000L);

    Notification notification = encoder.encodeGroup(group);

    String body = new String(notification.body(), StandardCharsets.UTF_8);
    String first = new String(encoder.encode(resolved).body(), StandardCharsets.UTF_8);
    String second = new String(encoder.encode(opened).body(), StandardCharsets.UTF_8);
    // Each list item is the single-event body from "event" on.
    assertThat(body)
        .isEqualTo(
            "{\"version\":1,\"idempotency_key\":\"group/4:check=api-latency/2\","
                + "\"group\":{\"key\":\"4:check=api-latency\",\"labels\":{\"check\":\"api-latency\"}},"
                + "\"status\":\"firing\",\"at_millis\":9000,\"incidents\":[{"
                + first.substring(first.indexOf("\"event\""))
                + ",{"
                + second.substring(second.indexOf("\"event\""))
                + "]}");
    assertThat(notification.idempotencyKey()).isEqualTo("group/4:check=api-latency/2");
  }

  @Test
  void anEscalationCarriesItsLevelAndItsOwnKey() {
    IncidentEvent event = new IncidentEvent(IncidentEvent.Kind.RESOLVED, 5_000L, true, RESOLVED);

    Notification notification = new WebhookPayloadEncoder("").encodeEscalation(event, 2);

    assertThat(notification.idempotencyKey()).isEqualTo("api-latency/abc123/escalation/2");
    assertThat(new String(notification.body(), StandardCharsets.UTF_8))
        .startsWith(
            "{\"version\":1,\"idempotency_key\":\"api-latency/abc123/escalation/2\","
                + "\"escalation_level\":2,\"event\":\"resolved\",");
  }
}
