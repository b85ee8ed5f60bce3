package dev.mosaic.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.notifier.email.EmailComposer;
import dev.mosaic.notifier.email.SmtpEmailSender;
import dev.mosaic.notifier.escalation.EscalationTimers;
import dev.mosaic.notifier.escalation.PendingEscalation;
import dev.mosaic.notifier.group.NotificationGroup;
import dev.mosaic.notifier.group.NotificationGroups;
import dev.mosaic.notifier.http.DeliveryLog;
import dev.mosaic.notifier.route.RoutesFileParser;
import dev.mosaic.notifier.route.Routing;
import dev.mosaic.notifier.webhook.Backoff;
import dev.mosaic.notifier.webhook.DeliveryAttempts;
import dev.mosaic.notifier.webhook.DeliveryOutcome;
import dev.mosaic.notifier.webhook.NotificationEncoder;
import dev.mosaic.notifier.webhook.StopSignal;
import dev.mosaic.notifier.webhook.TestWebhookServer;
import dev.mosaic.notifier.webhook.WebhookDeliverer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class IncidentDispatcherTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final DeliveryLog log = new DeliveryLog(100);
  private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(42_000));

  private final RecordingListener persisted = new RecordingListener();
  private final List<Duration> slept = new ArrayList<>();
  private final EscalationTimers escalations = new EscalationTimers(persisted);
  private final NotificationGroups groups =
      new NotificationGroups(
          new NotificationGroups.Listener() {
            @Override
            public void saved(NotificationGroup group) {}

            @Override
            public void removed(String key) {}
          });

  private IncidentDispatcher dispatcher(TestWebhookServer server, String type) throws Exception {
    String extra = type.equals("pagerduty") ? ", routing-key: R0UTING" : "";
    return dispatcher(
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
  }

  private IncidentDispatcher dispatcher(String routesFile) throws Exception {
    Routing routing = new RoutesFileParser(name -> null).parse("notifier.yaml", routesFile);
    DeliveryAttempts attempts =
        new DeliveryAttempts(
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), () -> 0),
            3,
            new StopSignal(),
            meters);
    Outbox outbox =
        new Outbox(
            new NotificationEncoder(""),
            new WebhookDeliverer(HttpClient.newHttpClient(), Duration.ofSeconds(5), attempts),
            new EmailComposer(""),
            new SmtpEmailSender(Duration.ofSeconds(5), clock, attempts));
    return new IncidentDispatcher(
        () -> routing,
        outbox,
        log,
        escalations,
        groups,
        duration -> {
          slept.add(duration);
          clock.advance(duration);
          return true;
        },
        clock,
        meters);
  }

  /** Keeps what the timers would persist, to check that every change is reported. */
  private static final class RecordingListener implements EscalationTimers.Listener {
    final Map<String, PendingEscalation> saved = new HashMap<>();

    @Override
    public void saved(PendingEscalation pending) {
      saved.put(pending.incidentId(), pending);
    }

    @Override
    public void removed(String incidentId) {
      saved.remove(incidentId);
    }
  }

  /**
   * @param options more fields of the webhook receiver {@code ops}, each after a comma
   * @param route the one route, as a YAML list item
   */
  private IncidentDispatcher toOps(TestWebhookServer server, String options, String route)
      throws Exception {
    return dispatcher(
        "receivers:\n"
            + "  - {name: ops, url: '"
            + server.url()
            + "', secret: s"
            + options
            + "}\n"
            + "routes:\n"
            + "  - "
            + route
            + "\n");
  }

  private IncidentDispatcher escalating(TestWebhookServer server) throws Exception {
    String url = server.url().toString();
    return dispatcher(
        "receivers:\n"
            + "  - {name: first, url: '"
            + url
            + "', secret: s}\n"
            + "  - {name: second, url: '"
            + url
            + "', secret: s}\n"
            + "  - {name: third, url: '"
            + url
            + "', secret: s}\n"
            + "escalations:\n"
            + "  - name: api\n"
            + "    levels:\n"
            + "      - {after: 10m, receivers: [second]}\n"
            + "      - {after: 20m, receivers: [third]}\n"
            + "routes:\n"
            + "  - {receivers: [first], escalation: api}\n");
  }

  private IncidentEvent openedNow() {
    return new IncidentEvent(
        Kind.OPENED,
        clock.millis(),
        true,
        TestIncidents.incident("c", "s", "page", Map.of("team", "api")));
  }

  private static List<String> keys(TestWebhookServer server) {
    return server.accepted().stream().map(TestWebhookServer.Received::idempotencyKey).toList();
  }

  @Test
  void anUnacknowledgedIncidentEscalatesLevelByLevelAfterEachWait() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      IncidentDispatcher dispatcher = escalating(server);
      IncidentEvent opened = openedNow();
      assertThat(dispatcher.dispatch(opened)).isTrue();

      clock.advance(Duration.ofMinutes(10).minusMillis(1));
      assertThat(dispatcher.tick()).isTrue();
      assertThat(keys(server)).containsExactly("inc-c-s/opened/42000");

      clock.advance(Duration.ofMillis(1));
      dispatcher.tick();
      dispatcher.tick(); // a level is sent once
      assertThat(keys(server)).containsExactly("inc-c-s/opened/42000", "inc-c-s/escalation/1");
      assertThat(server.accepted().get(1).body())
          .startsWith(
              "{\"version\":1,\"idempotency_key\":\"inc-c-s/escalation/1\",\"escalation_level\":1,"
                  + "\"event\":\"opened\"");

      clock.advance(Duration.ofMinutes(20));
      dispatcher.tick();
      clock.advance(Duration.ofHours(5));
      dispatcher.tick(); // no level after the last
      assertThat(keys(server))
          .containsExactly("inc-c-s/opened/42000", "inc-c-s/escalation/1", "inc-c-s/escalation/2");
      assertThat(log.forIncident("inc-c-s"))
          .extracting(DeliveryLog.Entry::receiver)
          .containsExactly("first", "second", "third");
      assertThat(escalations.pending()).isEmpty();
    }
  }

  @Test
  void anIncidentAcknowledgedBeforeTheWaitIsNotEscalated() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      IncidentDispatcher dispatcher = escalating(server);
      IncidentEvent opened = openedNow();
      dispatcher.dispatch(opened);
      assertThat(escalations.pending()).hasSize(1);
      assertThat(persisted.saved).containsOnlyKeys("inc-c-s");

      clock.advance(Duration.ofMinutes(9));
      dispatcher.dispatch(
          new IncidentEvent(Kind.ACKNOWLEDGED, clock.millis(), false, opened.incident()));
      clock.advance(Duration.ofHours(1));
      dispatcher.tick();

      // The acknowledgement itself goes to the route's receiver, nothing to the levels.
      assertThat(keys(server))
          .containsExactly("inc-c-s/opened/42000", "inc-c-s/acknowledged/582000");
      assertThat(escalations.pending()).isEmpty();
      assertThat(persisted.saved).isEmpty();
    }
  }

  @Test
  void aResolvedIncidentStopsEscalatingEvenBetweenLevels() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      IncidentDispatcher dispatcher = escalating(server);
      IncidentEvent opened = openedNow();
      dispatcher.dispatch(opened);
      clock.advance(Duration.ofMinutes(10));
      dispatcher.tick();

      dispatcher.dispatch(
          new IncidentEvent(Kind.RESOLVED, clock.millis(), false, opened.incident()));
      clock.advance(Duration.ofHours(1));
      dispatcher.tick();

      assertThat(keys(server)).containsExactly("inc-c-s/opened/42000", "inc-c-s/escalation/1");
    }
  }

  @Test
  void fiftySeriesOfOneCheckBreakingTogetherMakeOneNotification() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      IncidentDispatcher dispatcher =
          toOps(server, "", "{receivers: [ops], group-by: [check], group-wait: 30s}");
      for (int i = 0; i < 50; i++) {
        dispatcher.dispatch(
            TestIncidents.opened(
                TestIncidents.incident("api-latency", "stats.api.host" + i, "page", Map.of())));
        clock.advance(Duration.ofMillis(200));
      }
      dispatcher.tick();
      assertThat(server.received()).isEmpty();

      clock.advance(Duration.ofSeconds(20));
      dispatcher.tick();
      dispatcher.tick();

      assertThat(server.accepted()).hasSize(1);
      TestWebhookServer.Received sent = server.accepted().get(0);
      assertThat(sent.idempotencyKey()).isEqualTo("group/4:check=api-latency/1");
      assertThat(new ObjectMapper().readTree(sent.body()).get("incidents")).hasSize(50);
      assertThat(log.forIncident("inc-api-latency-stats.api.host7"))
          .extracting(DeliveryLog.Entry::idempotencyKey)
          .containsExactly("group/4:check=api-latency/1");
    }
  }

  private IncidentEvent opened(String series) {
    IncidentEvent opened =
        TestIncidents.opened(TestIncidents.incident("api", series, "page", Map.of()));
    return new IncidentEvent(Kind.OPENED, clock.millis(), true, opened.incident());
  }

  @Test
  void singleNotificationsOverAReceiversLimitWaitForItsNextToken() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      IncidentDispatcher dispatcher = toOps(server, ", rate-limit: 2/min", "receivers: [ops]");

      for (int i = 0; i < 4; i++) {
        assertThat(dispatcher.dispatch(opened("s" + i))).isTrue();
      }

      assertThat(server.accepted()).hasSize(4);
      // Two at once, then one per 30 seconds.
      assertThat(slept).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
      assertThat(
              Stream.of("s0", "s1", "s2", "s3")
                  .map(s -> log.forIncident("inc-api-" + s).get(0).atMillis() - 42_000))
          .containsExactly(0L, 0L, 30_000L, 60_000L);
      assertThat(meters.counter("mosaic.notifier.rate_limited", "receiver", "ops").count())
          .isEqualTo(2.0);
    }
  }

  @Test
  void aGroupOverItsReceiversLimitIsPostponedAndFoldsInLaterIncidents() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      IncidentDispatcher dispatcher =
          toOps(
              server,
              ", rate-limit: 1/h",
              "{receivers: [ops], group-by: [check], group-wait: 30s, group-interval: 1m}");
      dispatcher.dispatch(opened("s0"));
      clock.advance(Duration.ofSeconds(30));
      dispatcher.tick();
      assertThat(server.accepted()).hasSize(1);

      for (int i = 1; i <= 3; i++) {
        clock.advance(Duration.ofMinutes(5));
        dispatcher.dispatch(opened("s" + i));
        dispatcher.tick();
      }
      assertThat(server.accepted()).hasSize(1);
      clock.advance(Duration.ofMinutes(45));
      dispatcher.tick();

      assertThat(server.accepted()).hasSize(2);
      assertThat(new ObjectMapper().readTree(server.accepted().get(1).body()).get("incidents"))
          .hasSize(4);
      assertThat(slept).isEmpty();
    }
  }

  @Test
  void anEmailReceiverGetsTheEventOverSmtp() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      IncidentDispatcher dispatcher =
          dispatcher(
              "receivers:\n"
                  + "  - {name: mail, type: email, to: ops@example.org, from: mosaic@example.org,"
                  + " smtp-host: 127.0.0.1, smtp-port: "
                  + smtp.getSmtp().getPort()
                  + "}\n"
                  + "routes:\n"
                  + "  - receivers: [mail]\n");

      assertThat(dispatcher.dispatch(event(Kind.OPENED, true, "api"))).isTrue();

      assertThat(smtp.getReceivedMessages()).hasSize(1);
      assertThat(smtp.getReceivedMessages()[0].getSubject())
          .isEqualTo("[mosaic] OPENED CRITICAL c on s");
      assertThat(log.forIncident("inc-c-s"))
          .containsExactly(
              new DeliveryLog.Entry(
                  "inc-c-s",
                  "mail",
                  "inc-c-s/opened/5",
                  DeliveryOutcome.DELIVERED,
                  1,
                  250,
                  42_000));
    } finally {
      smtp.stop();
    }
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
