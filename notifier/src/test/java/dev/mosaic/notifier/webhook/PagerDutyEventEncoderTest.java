package dev.mosaic.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.contract.SeriesState;
import dev.mosaic.notifier.TestIncidents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PagerDutyEventEncoderTest {
  private final PagerDutyEventEncoder encoder =
      new PagerDutyEventEncoder("https://mosaic.example/incidents/{id}");

  private static IncidentEvent event(Kind kind) {
    return new IncidentEvent(
        kind,
        1_700_000_060_000L,
        true,
        TestIncidents.incident("api-latency", "stats.api", "page", Map.of("team", "api")));
  }

  private String encode(Kind kind) {
    return new String(encoder.encode(event(kind), "R0UTING").orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void anOpenedIncidentTriggersWithTheIncidentIdAsDedupKey() {
    assertThat(encode(Kind.OPENED))
        .isEqualTo(
            "{\"routing_key\":\"R0UTING\",\"event_action\":\"trigger\","
                + "\"dedup_key\":\"inc-api-latency-stats.api\","
                + "\"payload\":{\"summary\":\"api-latency CRITICAL: api-latency: stats.api is"
                + " critical at 612.5\",\"source\":\"stats.api\",\"severity\":\"critical\","
                + "\"timestamp\":\"2023-11-14T22:14:20Z\",\"component\":\"api-latency\","
                + "\"custom_details\":{\"state\":\"CRITICAL\",\"severity\":\"page\","
                + "\"trigger_value\":612.5,\"team\":\"api\"}},"
                + "\"links\":[{\"href\":\"https://mosaic.example/incidents/inc-api-latency-stats.api\","
                + "\"text\":\"mosaic incident\"}]}");
  }

  @Test
  void anAcknowledgementAcknowledges() {
    assertThat(encode(Kind.ACKNOWLEDGED))
        .isEqualTo(
            "{\"routing_key\":\"R0UTING\",\"event_action\":\"acknowledge\","
                + "\"dedup_key\":\"inc-api-latency-stats.api\"}");
  }

  @Test
  void aResolutionResolves() {
    assertThat(encode(Kind.RESOLVED))
        .isEqualTo(
            "{\"routing_key\":\"R0UTING\",\"event_action\":\"resolve\","
                + "\"dedup_key\":\"inc-api-latency-stats.api\"}");
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"ESCALATED", "CHANGED", "FLAPPING_STARTED"})
  void everyOtherChangeOfAnOpenIncidentTriggersAgain(Kind kind) {
    assertThat(encode(kind)).contains("\"event_action\":\"trigger\"");
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"SILENCED", "FLAPPING_STOPPED"})
  void kindsWithoutAPagerDutyActionAreNotSent(Kind kind) {
    assertThat(encoder.encode(event(kind), "R0UTING")).isEmpty();
  }

  @Test
  void aGroupIsOneAlertKeyedByTheGroupTriggeredAcknowledgedThenResolved() {
    PagerDutyEventEncoder encoder = new PagerDutyEventEncoder("");
    Incident open = TestIncidents.incident("api", "stats.a", "page", Map.of());
    Incident acked =
        new Incident(
            open.id(),
            open.check(),
            open.series(),
            open.state(),
            open.severity(),
            open.labels(),
            open.description(),
            open.openedAtMillis(),
            null,
            open.triggerValue(),
            true,
            0,
            false,
            open.history());
    Incident closed =
        new Incident(
            open.id(),
            open.check(),
            open.series(),
            SeriesState.OK,
            open.severity(),
            open.labels(),
            open.description(),
            open.openedAtMillis(),
            9L,
            open.triggerValue(),
            true,
            0,
            false,
            open.history());

    String trigger = group(encoder, open);

    assertThat(trigger)
        .isEqualTo(
            "{\"routing_key\":\"RK\",\"event_action\":\"trigger\",\"dedup_key\":\"4:check=api\","
                + "\"payload\":{\"summary\":\"1 open incidents: check=api; worst: "
                + open.description()
                + "\",\"source\":\"stats.a\",\"severity\":\"critical\","
                + "\"timestamp\":\"1970-01-01T00:00:00.007Z\",\"component\":\"api\","
                + "\"custom_details\":{\"check\":\"api\",\"open\":1,\"incidents\":[\""
                + open.id()
                + "\"]}}}");
    assertThat(group(encoder, acked)).contains("\"event_action\":\"acknowledge\"");
    assertThat(group(encoder, closed))
        .isEqualTo(
            "{\"routing_key\":\"RK\",\"event_action\":\"resolve\",\"dedup_key\":\"4:check=api\"}");
  }

  private static String group(PagerDutyEventEncoder encoder, Incident incident) {
    GroupedEvents group =
        new GroupedEvents(
            "4:check=api",
            "group/4:check=api/1",
            Map.of("check", "api"),
            List.of(new IncidentEvent(IncidentEvent.Kind.OPENED, 1L, true, incident)),
            7L);
    return new String(encoder.encodeGroup(group, "RK"), StandardCharsets.UTF_8);
  }
}
