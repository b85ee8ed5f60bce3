package dev.mosaic.stateengine;

import static dev.mosaic.stateengine.StateEngineTestKit.another;
import static dev.mosaic.stateengine.StateEngineTestKit.get;
import static dev.mosaic.stateengine.StateEngineTestKit.points;
import static dev.mosaic.stateengine.StateEngineTestKit.producer;
import static dev.mosaic.stateengine.StateEngineTestKit.read;
import static dev.mosaic.stateengine.StateEngineTestKit.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.IncidentEvent.Kind;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.MetricPartitioner;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
  @TempDir Path checksDir;

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

        JsonNode kafkaHealth = get(engine, "/health").get("kafka");
        assertThat(kafkaHealth.get("ok").asBoolean()).isTrue();
        assertThat(kafkaHealth.get("ownedPartitions").asInt()).isEqualTo(PARTITIONS);
        assertThat(kafkaHealth.get("lastCommitAtMillis").asLong()).isPositive();

        JsonNode open = get(engine, "/incidents?state=open").get("incidents");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).get("id").asText()).isEqualTo(id);
      }

      // Restarted mid-incident: the incident comes back from the compacted topic, still open.
      ServiceContext again = another(context);
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
  void aPendingForNCountAndTheNoDataClockSurviveARestart(EmbeddedKafkaBroker kafka)
      throws Exception {
    Files.writeString(
        checksDir.resolve("api.yaml"),
        """
        checks:
          - name: api-latency
            pattern: stats.timers.api.*.upper_90
            critical: 500
            for: 3
          - name: queue-silent
            pattern: stats.gauges.queue
            critical: 1000
            no-data: {after: 4s, pages: true}
        """);
    ServiceContext context = context(kafka);
    List<IncidentEvent> events = new ArrayList<>();

    try (KafkaConsumer<String, byte[]> incidents = incidentsReader(context.kafka())) {
      try (StateEngineService engine = start(context)) {
        produce(context.kafka(), new AggregatePoint(SERIES, 900, 1_700_000_000L));
        produce(context.kafka(), new AggregatePoint(SERIES, 900, 1_700_000_010L));
        produce(context.kafka(), new AggregatePoint("stats.gauges.queue", 5, 1_700_000_010L));
        await().atMost(Duration.ofSeconds(30)).until(() -> points(context) == 3);
      }
      long lastQueueValue = System.currentTimeMillis();
      // The consumed offsets went with the state, in the transaction (auto-commit is off).
      assertThat(committedOffset(context)).isEqualTo(3);

      ServiceContext again = another(context);
      try (StateEngineService engine = start(again)) {
        // The third breaching value in a row, the first after the restart, opens the incident.
        produce(again.kafka(), new AggregatePoint(SERIES, 900, 1_700_000_020L));
        await().atMost(Duration.ofSeconds(30)).until(() -> read(incidents, events).size() == 1);
        assertThat(events.get(0).kind()).isEqualTo(Kind.OPENED);
        assertThat(events.get(0).incident().check()).isEqualTo("api-latency");

        // The silent queue goes UNKNOWN although it sent nothing to this engine.
        await().atMost(Duration.ofSeconds(30)).until(() -> read(incidents, events).size() == 2);
        IncidentEvent unknown = events.get(1);
        assertThat(unknown.incident().series()).isEqualTo("stats.gauges.queue");
        assertThat(unknown.incident().state().name()).isEqualTo("UNKNOWN");
        assertThat(unknown.atMillis()).isGreaterThanOrEqualTo(lastQueueValue - 1000 + 4000);
      }
    }
  }

  @Test
  void aResolvedIncidentIsTombstonedAfterTheRetentionAndNotRestored(EmbeddedKafkaBroker kafka)
      throws Exception {
    Files.writeString(checksDir.resolve("api.yaml"), CHECKS);
    ServiceContext context =
        StateEngineTestKit.context(
            kafka, checksDir, PARTITIONS, "--state-engine.resolved-retention=5s");
    String id;
    try (StateEngineService engine = start(context)) {
      produce(context.kafka(), new AggregatePoint(SERIES, 900, 1_700_000_000L));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> get(engine, "/incidents").get("incidents").size() == 1);
      id = get(engine, "/incidents").get("incidents").get(0).get("id").asText();
      produce(context.kafka(), new AggregatePoint(SERIES, 100, 1_700_000_010L));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> get(engine, "/incidents?state=open").get("incidents").isEmpty());
      assertThat(get(engine, "/incidents/" + id).get("resolvedAtMillis").isNull()).isFalse();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> get(engine, "/incidents").get("incidents").isEmpty());
    }

    Map<String, Boolean> deleted = new HashMap<>(); // key → whether its latest record is null
    try (KafkaConsumer<String, byte[]> state = stateReader(context.kafka())) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                state
                    .poll(Duration.ofMillis(100))
                    .forEach(r -> deleted.put(r.key(), r.value() == null));
                return Boolean.TRUE.equals(deleted.get(id));
              });
    }
    try (StateEngineService engine = start(another(context))) {
      assertThat(get(engine, "/incidents/" + id).get("error").asText()).contains(id);
    }
  }

  @Test
  void aStateTopicWithAnotherPartitionCountThanTheAggregatesStopsStartUp(EmbeddedKafkaBroker kafka)
      throws Exception {
    ServiceContext context = context(kafka);
    try (Admin admin = Admin.create(context.kafka().clientProperties("test-admin"))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(context.kafka().topics().aggregates(), PARTITIONS, (short) 1),
                  new NewTopic(
                      context.kafka().topics().incidentState(), PARTITIONS + 1, (short) 1)))
          .all()
          .get();
    }
    StateEngineService engine =
        (StateEngineService) StateEngine.DEFINITION.factory().create(context);

    assertThatThrownBy(engine::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            context.kafka().topics().incidentState()
                + " has 3 partitions but "
                + context.kafka().topics().aggregates()
                + " has 2; they must be equal (a series' state lives in the partition of the"
                + " same number as its records in "
                + context.kafka().topics().aggregates()
                + ")");
    engine.close();
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
    return StateEngineTestKit.context(kafka, checksDir, PARTITIONS);
  }

  /** One aggregates record, to the partition of the point's source metric, as the aggregator. */
  private static void produce(KafkaSettings kafka, AggregatePoint point) throws Exception {
    StateEngineTestKit.produce(kafka, MetricPartitioner.partitionFor("api.get", PARTITIONS), point);
  }

  private static KafkaConsumer<String, byte[]> incidentsReader(KafkaSettings kafka) {
    return StateEngineTestKit.incidentsReader(kafka, PARTITIONS);
  }

  private static long committedOffset(ServiceContext context) throws Exception {
    String group = context.config().get(StateEngineKeys.CONSUMER_GROUP);
    TopicPartition partition =
        new TopicPartition(
            context.kafka().topics().aggregates(),
            MetricPartitioner.partitionFor("api.get", PARTITIONS));
    try (Admin admin = Admin.create(context.kafka().clientProperties("test-admin"))) {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get()
          .get(partition)
          .offset();
    }
  }

  private static KafkaConsumer<String, byte[]> stateReader(KafkaSettings kafka) {
    Map<String, Object> props = kafka.clientProperties("test-state-reader");
    props.put("isolation.level", "read_committed");
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> all = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      all.add(new TopicPartition(kafka.topics().incidentState(), p));
    }
    consumer.assign(all);
    consumer.seekToBeginning(all);
    return consumer;
  }
}
