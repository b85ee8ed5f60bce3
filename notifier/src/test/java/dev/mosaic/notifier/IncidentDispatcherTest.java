package dev.mosaic.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.notifier.http.DeliveryLog;
import dev.mosaic.notifier.route.RoutesFileParser;
import dev.mosaic.notifier.route.Routing;
import dev.mosaic.notifier.webhook.Backoff;
import dev.mosaic.notifier.webhook.DeliveryOutcome;
import dev.mosaic.notifier.webhook.NotificationEncoder;
import dev.mosaic.notifier.webhook.StopSignal;
import dev.mosaic.notifier.webhook.TestWebhookServer;
import dev.mosaic.notifier.webhook.WebhookDeliverer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentDispatcherTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final DeliveryLog log = new DeliveryLog(100);
  private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(42_000));

  private IncidentDispatcher dispatcher(TestWebhookServer server, String type) throws Exception {
    String extra = type.equals("pagerduty") ? ", routing-key: R0UTING" : "";
    Routing routing =
        new RoutesFileParser(name -> null)
            .parse(
                "notifier.yaml",
                "receivers:\n"
                    + "  - {name: r, type: "
                    + type
                    + ", url: '"
                    + server.url()
                    + "', secret: s"
                    + extra
                    + "}\n"
                    + "routes:\n"
                    + "  - {match: {labels: {team: api}}, receivers: [r]}\n");
    WebhookDeliverer deliverer =
        new WebhookDeliverer(
            HttpClient.newHttpClient(),
            Duration.ofSeconds(5),
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), () -> 0),
            3,
            new StopSignal(),
            meters);
    return new IncidentDispatcher(
        () -> routing, new NotificationEncoder(""), deliverer, log, clock, meters);
  }

  private static IncidentEvent event(Kind kind, boolean pages, String team) {
    return new IncidentEvent(
        kind, 5L, pages, TestIncidents.incident("c", "s", "page", Map.of("team", team)));
  }

  @Test
  void deliversPagingEventsAndAcknowledgementsButNotOtherQuietEvents() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      IncidentDispatcher dispatcher = dispatcher(server, "pagerduty");

      assertThat(dispatcher.dispatch(event(Kind.OPENED, true, "api"))).isTrue();
      assertThat(dispatcher.dispatch(event(Kind.SILENCED, false, "api"))).isTrue();
      assertThat(dispatcher.dispatch(event(Kind.ACKNOWLEDGED, false, "api"))).isTrue();

      assertThat(server.accepted())
          .extracting(TestWebhookServer.Received::idempotencyKey)
          .containsExactly("inc-c-s/opened/5", "inc-c-s/acknowledged/5");
      assertThat(server.accepted().get(1).body()).contains("\"event_action\":\"acknowledge\"");
      assertThat(log.forIncident("inc-c-s"))
          .containsExactly(
              new DeliveryLog.Entry(
                  "inc-c-s", "r", "inc-c-s/opened/5", DeliveryOutcome.DELIVERED, 1, 200, 42_000),
              new DeliveryLog.Entry(
                  "inc-c-s",
                  "r",
                  "inc-c-s/acknowledged/5",
                  DeliveryOutcome.DELIVERED,
                  1,
                  200,
                  42_000));
      assertThat(
              meters.counter("mosaic.notifier.events_not_routed", "reason", "not_paging").count())
          .isEqualTo(1.0);
    }
  }

  @Test
  void anEventNoRouteMatchesIsCountedAndNotSent() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      assertThat(dispatcher(server, "webhook").dispatch(event(Kind.OPENED, true, "db"))).isTrue();

      assertThat(server.received()).isEmpty();
      assertThat(meters.counter("mosaic.notifier.events_not_routed", "reason", "no_route").count())
          .isEqualTo(1.0);
    }
  }
}
