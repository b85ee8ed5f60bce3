package dev.mosaic.stateengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchSerde;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.contract.IncidentEventSerde;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.MetricPartitioner;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class StateEngineServiceTest {
  private static final int PARTITIONS = 2;
  private static final String SERIES = "stats.timers.api.get.upper_90";
  private static final String CHECKS =
      """
      checks:
        - name: api-latency
          pattern: stats.timers.api.*.upper_90
          warning: 250
          critical: 500
          labels: {team: api}
      """;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path checksDir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void incidentOpensRecoversAndSurvivesARestartWithoutPagingAgain(EmbeddedKafkaBroker kafka)
      throws Exception {
    Files.writeString(checksDir.resolve("api.yaml"), CHECKS);
    ServiceContext context = context(kafka);
    List<IncidentEvent> events = new ArrayList<>();

    try (KafkaConsumer<String, byte[]> incidents = incidentsReader(context.kafka())) {
      String id;
      try (StateEngineService engine = start(context)) {
        produce(context.kafka(), new AggregatePoint(SERIES, 120, 1_700_000_000L));
        produce(context.kafka(), new AggregatePoint(SERIES, 900, 1_700_000_010L));
        await().atMost(Duration.ofSeconds(30)).until(() -> read(incidents, events).size() == 1);
        IncidentEvent opened = events.get(0);
        assertThat(opened.kind()).isEqualTo(Kind.OPENED);
        assertThat(opened.pages()).isTrue();
        assertThat(opened.incident().triggerValue()).isEqualTo(900);
        assertThat(opened.incident().labels()).containsEntry("team", "api");
        id = opened.incident().id();

        JsonNode open = get(engine, "/incidents?state=open").get("incidents");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).get("id").asText()).isEqualTo(id);
      }

      // Restarted mid-incident: the incident comes back from the compacted topic, still open.
      ServiceContext again =
          new ServiceContext(
              context.config(), context.kafka(), new SimpleMeterRegistry(), context.clock());
      try (StateEngineService engine = start(again)) {
        assertThat(get(engine, "/incidents/" + id).get("state").asText()).isEqualTo("CRITICAL");
        produce(again.kafka(), new AggregatePoint(SERIES, 950, 1_700_000_020L));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> again.meters().counter("mosaic.state-engine.points").count() == 1);

        // A broken check file is rejected; the last good check keeps running.
        Files.writeString(
            checksDir.resolve("api.yaml"), CHECKS.replace("critical: 500", "critical: x"));
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> !get(engine, "/health").get("checkFileError").isNull());
        assertThat(get(engine, "/health").get("checkFileError").asText())
            .isEqualTo(checksDir.resolve("api.yaml") + ":5: 'critical' must be a number");
        assertThat(again.meters().counter("mosaic.state-engine.check_file_errors").count())
            .isEqualTo(1);

        produce(again.kafka(), new AggregatePoint(SERIES, 100, 1_700_000_030L));
        await().atMost(Duration.ofSeconds(30)).until(() -> read(incidents, events).size() == 2);
        assertThat(get(engine, "/incidents?state=open").get("incidents")).isEmpty();
      }
    }

    assertThat(events).extracting(IncidentEvent::kind).containsExactly(Kind.OPENED, Kind.RESOLVED);
    IncidentEvent resolved = events.get(1);
    assertThat(resolved.incident().id()).isEqualTo(events.get(0).incident().id());
    assertThat(resolved.pages()).isTrue();
    assertThat(resolved.incident().history())
        .extracting(t -> t.to().name())
        .containsExactly("CRITICAL", "OK");
  }

  @Test
  void createsACompactedStateTopicAndSkipsUndecodableAggregates(EmbeddedKafkaBroker kafka)
      throws Exception {
    Files.writeString(checksDir.resolve("api.yaml"), CHECKS);
    ServiceContext context = context(kafka);
    try (StateEngineService engine = start(context);
        KafkaProducer<byte[], byte[]> producer = producer(context.kafka());
        Admin admin = Admin.create(context.kafka().clientProperties("test-admin"))) {
      ConfigResource state =
          new ConfigResource(ConfigResource.Type.TOPIC, context.kafka().topics().incidentState());
      Config config = admin.describeConfigs(List.of(state)).all().get().get(state);
      assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
          .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);

      producer
          .send(new ProducerRecord<>(context.kafka().topics().aggregates(), new byte[] {9, 9}))
          .get();
      produce(context.kafka(), new AggregatePoint(SERIES, 10, 1_700_000_000L));

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> context.meters().counter("mosaic.state-engine.points").count() == 1);
      assertThat(context.meters().counter("mosaic.state-engine.bad_records").count()).isEqualTo(1);
      engine.close();
      engine.close(); // idempotent
      assertThat(engine.failure()).isEmpty();
    }
  }

  private ServiceContext context(EmbeddedKafkaBroker kafka) throws Exception {
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.ALL);
    keys.addAll(StateEngineKeys.ALL);
    MosaicConfig config =
        new ConfigLoader(keys, Set.of())
            .load(
                List.of(
                    "--kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--kafka.topic-prefix=t-" + UUID.randomUUID() + ".",
                    "--kafka.partitions=" + PARTITIONS,
                    "--state-engine.consumer-group=g-" + UUID.randomUUID(),
                    "--state-engine.checks-dir=" + checksDir,
                    "--state-engine.checks-reload-interval=100ms",
                    "--state-engine.http.port=0",
                    "--state-engine.api-token=t0ken"),
                Map.of());
    return new ServiceContext(
        config,
        KafkaSettings.from(config, kafka.bootstrapServers()),
        new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  private static StateEngineService start(ServiceContext context) throws Exception {
    StateEngineService engine =
        (StateEngineService) StateEngine.DEFINITION.factory().create(context);
    engine.start();
    return engine;
  }

  private JsonNode get(StateEngineService engine, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.httpPort() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  /**
   * One aggregates record, to the partition of the point's source metric as the aggregator does.
   */
  private static void produce(KafkaSettings kafka, AggregatePoint point) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      int partition = MetricPartitioner.partitionFor("api.get", PARTITIONS);
      byte[] batch =
          AggregateBatchSerde.encode(
              new AggregateBatch(point.timestampSeconds() * 1000, 10_000, List.of(point)));
      producer
          .send(new ProducerRecord<>(kafka.topics().aggregates(), partition, null, batch))
          .get();
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaSettings kafka) {
    return new KafkaProducer<>(
        kafka.clientProperties("test-aggregator"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> incidentsReader(KafkaSettings kafka) {
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            kafka.clientProperties("test-notifier"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      partitions.add(new TopicPartition(kafka.topics().incidents(), p));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static List<IncidentEvent> read(
      KafkaConsumer<String, byte[]> consumer, List<IncidentEvent> into) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
      IncidentEvent event = IncidentEventSerde.decode(record.value());
      assertThat(record.key()).isEqualTo(event.incident().id());
      into.add(event);
    }
    return into;
  }
}
