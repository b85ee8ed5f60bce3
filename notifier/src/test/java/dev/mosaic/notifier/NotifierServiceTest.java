package dev.mosaic.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEventSerde;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import dev.mosaic.notifier.webhook.TestWebhookServer;
import dev.mosaic.notifier.webhook.WebhookSigner;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class NotifierServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long AT_MILLIS = 1_800_000_000_000L;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private final String prefix = "t-" + UUID.randomUUID() + ".";
  private final String group = "g-" + UUID.randomUUID();

  @Test
  void startsAndClosesWithNoRoutesFile(EmbeddedKafkaBroker kafka) throws Exception {
    NotifierService notifier = start(context(kafka, dir.resolve("missing.yaml")));

    notifier.close();
    notifier.close();

    assertThat(notifier.failure()).isEmpty();
  }

  @Test
  void deliversAPagingEventSignedAndSkipsGarbageAndNonPagingEvents(EmbeddedKafkaBroker kafka)
      throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      ServiceContext context = context(kafka, routesFile(server));
      IncidentEvent silent = event("quiet", false);
      IncidentEvent paging = event("loud", true);
      String deliveryLog;
      String health;
      try (NotifierService notifier = start(context);
          KafkaProducer<String, byte[]> producer = producer(kafka)) {
        send(producer, context, "garbage", "not json".getBytes(StandardCharsets.UTF_8));
        send(producer, context, silent.incident().id(), IncidentEventSerde.encode(silent));
        send(producer, context, paging.incident().id(), IncidentEventSerde.encode(paging));

        await().atMost(WAIT).until(() -> server.accepted().size() == 1);
        await()
            .atMost(WAIT)
            .until(
                () ->
                    get(notifier, "/notifications?incident=inc-loud-stats.loud")
                        .contains("DELIVERED"));
        deliveryLog = get(notifier, "/notifications?incident=inc-loud-stats.loud");
        health = get(notifier, "/health");
      }

      TestWebhookServer.Received received = server.received().get(0);
      assertThat(received.idempotencyKey()).isEqualTo("inc-loud-stats.loud/opened/1700000000000");
      assertThat(received.signature())
          .isEqualTo(
              WebhookSigner.sign("s3cret", received.body().getBytes(StandardCharsets.UTF_8)));
      assertThat(received.body())
          .startsWith(
              "{\"version\":1,\"idempotency_key\":\"inc-loud-stats.loud/opened/1700000000000\"");
      assertThat(server.received()).hasSize(1);
      assertThat(deliveryLog)
          .isEqualTo(
              "{\"incident\":\"inc-loud-stats.loud\",\"deliveries\":[{\"receiver\":\"ops\","
                  + "\"idempotency_key\":\"inc-loud-stats.loud/opened/1700000000000\","
                  + "\"outcome\":\"DELIVERED\",\"attempts\":1,\"last_status\":200,\"at_millis\":"
                  + AT_MILLIS
                  + "}]}");
      assertThat(health).isEqualTo("{\"status\":\"up\"}");
      assertThat(context.meters().counter("mosaic.notifier.bad_events").count()).isEqualTo(1.0);
      assertThat(
              context
                  .meters()
                  .counter("mosaic.notifier.events_not_routed", "reason", "not_paging")
                  .count())
          .isEqualTo(1.0);
    }
  }

  @Test
  void aNotifierClosedMidRetryAndRestartedDeliversOnce(EmbeddedKafkaBroker kafka) throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(Integer.MAX_VALUE, 503)) {
      Path routes = routesFile(server);
      IncidentEvent first = event("first", true);
      try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
        ServiceContext before = context(kafka, routes);
        try (NotifierService notifier = start(before)) {
          send(producer, before, first.incident().id(), IncidentEventSerde.encode(first));
          await().atMost(WAIT).until(() -> server.received().size() >= 2); // retrying
        }
        assertThat(server.accepted()).isEmpty();
        server.succeedFromNow();

        ServiceContext after = context(kafka, routes);
        try (NotifierService notifier = start(after)) {
          // A second event behind the first on the single partition marks when the first is done.
          IncidentEvent second = event("second", true);
          send(producer, after, second.incident().id(), IncidentEventSerde.encode(second));
          await().atMost(WAIT).until(() -> server.accepted().size() >= 2);
        }
      }

      assertThat(server.accepted())
          .extracting(TestWebhookServer.Received::idempotencyKey)
          .containsExactly(
              "inc-first-stats.first/opened/1700000000000",
              "inc-second-stats.second/opened/1700000000000");
    }
  }

  @Test
  void aPendingGroupAndTheDeliveryLogSurviveARestart(EmbeddedKafkaBroker kafka) throws Exception {
    MutableClock clock = new MutableClock(Instant.ofEpochMilli(AT_MILLIS));
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      Path routes =
          routesFile(
              "receivers:\n"
                  + webhook("ops", server)
                  + "routes:\n"
                  + "  - {match: {check: grouped}, receivers: [ops], group-by: [check],"
                  + " group-wait: 10m}\n"
                  + "  - receivers: [ops]\n");
      IncidentEvent grouped = event("grouped", true);
      IncidentEvent marker = event("marker", true);
      try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
        ServiceContext before = context(kafka, routes, clock);
        try (NotifierService notifier = start(before)) {
          send(producer, before, grouped.incident().id(), IncidentEventSerde.encode(grouped));
          // One partition: once the marker behind it is delivered, the grouped event is done.
          send(producer, before, marker.incident().id(), IncidentEventSerde.encode(marker));
          await().atMost(WAIT).until(() -> server.accepted().size() == 1);
        }
        clock.advance(Duration.ofMinutes(10));

        ServiceContext after = context(kafka, routes, clock);
        try (NotifierService notifier = start(after)) {
          await().atMost(WAIT).until(() -> server.accepted().size() == 2);
          assertThat(get(notifier, "/notifications?incident=inc-marker-stats.marker"))
              .contains("\"idempotency_key\":\"inc-marker-stats.marker/opened/1700000000000\"");
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      get(notifier, "/notifications?incident=inc-grouped-stats.grouped")
                          .contains("group/4:check=grouped/1"));
        }
      }

      assertThat(server.accepted())
          .extracting(TestWebhookServer.Received::idempotencyKey)
          .containsExactly(
              "inc-marker-stats.marker/opened/1700000000000", "group/4:check=grouped/1");
    }
  }

  @Test
  void anEscalationTimerSurvivesARestart(EmbeddedKafkaBroker kafka) throws Exception {
    MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
    try (TestWebhookServer server = new TestWebhookServer(0, 500)) {
      Path routes =
          routesFile(
              "receivers:\n"
                  + webhook("ops", server)
                  + webhook("boss", server)
                  + "escalations:\n"
                  + "  - {name: e, levels: [{after: 15m, receivers: [boss]}]}\n"
                  + "routes:\n"
                  + "  - {receivers: [ops], escalation: e}\n");
      IncidentEvent opened = event("slow", true);
      try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
        ServiceContext before = context(kafka, routes, clock);
        try (NotifierService notifier = start(before)) {
          send(producer, before, opened.incident().id(), IncidentEventSerde.encode(opened));
          await().atMost(WAIT).until(() -> server.accepted().size() == 1);
        }
        clock.advance(Duration.ofMinutes(15));

        ServiceContext after = context(kafka, routes, clock);
        try (NotifierService notifier = start(after)) {
          await().atMost(WAIT).until(() -> server.accepted().size() == 2);
        }
      }

      assertThat(server.accepted())
          .extracting(TestWebhookServer.Received::idempotencyKey)
          .containsExactly(
              "inc-slow-stats.slow/opened/1700000000000", "inc-slow-stats.slow/escalation/1");
    }
  }

  private Path routesFile(String yaml) throws IOException {
    return Files.writeString(dir.resolve("notifier.yaml"), yaml);
  }

  /** A receivers list item: the webhook {@code name} posting to {@code server}. */
  private static String webhook(String name, TestWebhookServer server) {
    return "  - {name: " + name + ", url: '" + server.url() + "', secret: s3cret}\n";
  }

  private Path routesFile(TestWebhookServer server) throws Exception {
    return routesFile(
        "receivers:\n"
            + webhook("ops", server)
            + "routes:\n"
            + "  - match: {severity: page}\n"
            + "    receivers: [ops]\n");
  }

  private static IncidentEvent event(String check, boolean pages) {
    IncidentEvent opened =
        TestIncidents.opened(
            TestIncidents.incident(check, "stats." + check, "page", Map.of("team", "api")));
    return new IncidentEvent(opened.kind(), opened.atMillis(), pages, opened.incident());
  }

  private ServiceContext context(EmbeddedKafkaBroker kafka, Path routes) throws Exception {
    return context(kafka, routes, Clock.fixed(Instant.ofEpochMilli(AT_MILLIS), ZoneOffset.UTC));
  }

  private ServiceContext context(EmbeddedKafkaBroker kafka, Path routes, Clock clock)
      throws Exception {
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.ALL);
    keys.addAll(NotifierKeys.ALL);
    MosaicConfig config =
        new ConfigLoader(keys, Set.of())
            .load(
                List.of(
                    "--kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--kafka.topic-prefix=" + prefix,
                    "--kafka.partitions=1",
                    "--notifier.consumer-group=" + group,
                    "--notifier.routes-file=" + routes,
                    "--notifier.delivery.initial-backoff=50ms",
                    "--notifier.delivery.max-backoff=100ms",
                    "--notifier.delivery.max-attempts=1000",
                    "--notifier.http.port=0"),
                Map.of());
    return new ServiceContext(
        config,
        KafkaSettings.from(config, kafka.bootstrapServers()),
        new SimpleMeterRegistry(),
        clock);
  }

  private static NotifierService start(ServiceContext context) throws Exception {
    NotifierService notifier = (NotifierService) Notifier.DEFINITION.factory().create(context);
    notifier.start();
    return notifier;
  }

  private static String get(NotifierService notifier, String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + notifier.httpPort() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static KafkaProducer<String, byte[]> producer(EmbeddedKafkaBroker kafka) {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, ServiceContext context, String key, byte[] value)
      throws Exception {
    producer.send(new ProducerRecord<>(context.kafka().topics().incidents(), key, value)).get();
  }
}
