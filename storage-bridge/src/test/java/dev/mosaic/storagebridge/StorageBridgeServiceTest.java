package dev.mosaic.storagebridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchSerde;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.config.ConfigKey;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.MosaicService;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import dev.mosaic.storagebridge.carbon.CollectingCarbonServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bridge against a real Kafka broker and an in-process carbon listener. */
@ExtendWith(KafkaBrokerExtension.class)
class StorageBridgeServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long TS = 1_700_000_000L;

  private final String prefix = "t-" + UUID.randomUUID() + ".";
  private final String group = "g-" + UUID.randomUUID();
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void aggregatesArriveAsExactCarbonLines(EmbeddedKafkaBroker kafka) throws Exception {
    CollectingCarbonServer carbon = closeLater(CollectingCarbonServer.start());
    startBridge(kafka, carbon.port());

    produce(
        kafka,
        batch(
            new AggregatePoint("stats.gauges.g", 1.0, TS),
            new AggregatePoint("stats.timers.api.mean", 0.5, TS),
            new AggregatePoint("bad name", 1.0, TS),
            new AggregatePoint("stats.counters.c.rate", -3.0, TS),
            new AggregatePoint("stats..empty", 1.0, TS),
            new AggregatePoint("stats.timers.api.std", Double.NaN, TS),
            new AggregatePoint("stats.timers.api.lower", 1.5e-7, TS + 10)));

    await().atMost(WAIT).until(() -> counter("points.written") == 4);
    // flushed to the socket is not yet read by the stand-in
    await().atMost(WAIT).until(() -> carbon.lines().size() == 4);
    assertThat(carbon.lines())
        .containsExactly(
            "stats.gauges.g 1 1700000000",
            "stats.timers.api.mean 0.5 1700000000",
            "stats.counters.c.rate -3 1700000000",
            "stats.timers.api.lower 1.5e-7 1700000010");
    assertThat(counter("invalid_names")).isEqualTo(2);
    assertThat(counter("non_finite_values")).isEqualTo(1);
    assertThat(counter("bytes.written")).isEqualTo(28 + 37 + 36 + 41);
  }

  @Test
  void undecodableRecordIsCountedAndTheNextOneStillArrives(EmbeddedKafkaBroker kafka)
      throws Exception {
    CollectingCarbonServer carbon = closeLater(CollectingCarbonServer.start());
    startBridge(kafka, carbon.port());

    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      String topic = prefix + "aggregates";
      producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {9, 9, 9})).get();
      producer
          .send(
              new ProducerRecord<>(
                  topic, 0, null, encode(batch(new AggregatePoint("stats.after", 7, TS)))))
          .get();
    }

    await().atMost(WAIT).until(() -> carbon.lines().contains("stats.after 7 1700000000"));
    assertThat(counter("bad_records")).isEqualTo(1);
  }

  @Test
  void carbonDownAtStart_thenUp_noPointLost(EmbeddedKafkaBroker kafka) throws Exception {
    CollectingCarbonServer carbon = closeLater(CollectingCarbonServer.reservePort());
    startBridge(kafka, carbon.port());

    Set<String> expected = new HashSet<>();
    for (int b = 0; b < 5; b++) {
      expected.addAll(produceNumbered(kafka, "down.b" + b, 20));
    }
    await().atMost(WAIT).until(() -> counter("connect.errors") >= 3);
    carbon.restart();

    await().atMost(WAIT).until(() -> carbon.lines().size() >= expected.size());
    assertThat(carbon.lines()).containsExactlyInAnyOrderElementsOf(expected);

    // Still alive after the outage: a new point goes straight through.
    produce(kafka, batch(new AggregatePoint("stats.after.outage", 1, TS)));
    await().atMost(WAIT).until(() -> carbon.lines().contains("stats.after.outage 1 1700000000"));
  }

  @Test
  void carbonDropsConnectionMidStream_everyLineArrivesAtLeastOnce(EmbeddedKafkaBroker kafka)
      throws Exception {
    CollectingCarbonServer carbon = closeLater(CollectingCarbonServer.start());
    startBridge(kafka, carbon.port());

    Set<String> expected = new HashSet<>();
    for (int b = 0; b < 30; b++) {
      expected.addAll(produceNumbered(kafka, "drop.b" + b, 50));
      if (b == 10) {
        await().atMost(WAIT).until(() -> !carbon.lines().isEmpty());
        carbon.dropConnections();
      }
    }

    await().atMost(WAIT).until(() -> carbon.lines().containsAll(expected));
    assertThat(carbon.connectionsAccepted()).isGreaterThanOrEqualTo(2);
    assertThat(counter("reconnects")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void offsetsAreNotCommittedWhileCarbonIsDown(EmbeddedKafkaBroker kafka) throws Exception {
    CollectingCarbonServer carbon = closeLater(CollectingCarbonServer.start());
    startBridge(kafka, carbon.port());
    Admin admin = closeLater(Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers())));

    produce(kafka, batch(new AggregatePoint("stats.first", 1, TS)));
    await().atMost(WAIT).until(() -> committedRecords(admin) == 1);

    carbon.stop();
    produce(kafka, batch(new AggregatePoint("stats.second", 2, TS)));
    double errorsBefore = counter("connect.errors");
    await().atMost(WAIT).until(() -> counter("connect.errors") >= errorsBefore + 3);

    assertThat(committedRecords(admin)).isEqualTo(1);
    assertThat(gauge("lag.records")).isEqualTo(1); // the held record
    ConsumerGroupDescription description =
        admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
    assertThat(description.members()).hasSize(1); // kept alive in its group while holding

    carbon.restart();
    await().atMost(WAIT).until(() -> carbon.lines().contains("stats.second 2 1700000000"));
    await().atMost(WAIT).until(() -> committedRecords(admin) == 2);
    await().atMost(WAIT).until(() -> gauge("lag.records") == 0);
    assertThat(counter("points.replayed")).isEqualTo(1);
    assertThat(carbon.lines())
        .containsExactly("stats.first 1 1700000000", "stats.second 2 1700000000");
  }

  private void startBridge(EmbeddedKafkaBroker kafka, int carbonPort) throws Exception {
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.ALL);
    keys.addAll(StorageBridgeKeys.ALL);
    MosaicConfig config =
        new ConfigLoader(keys, Set.of())
            .load(
                List.of(
                    "--kafka.topic-prefix=" + prefix,
                    "--storage-bridge.carbon.port=" + carbonPort,
                    "--storage-bridge.consumer-group=" + group,
                    // short waits keep the outage tests quick
                    "--storage-bridge.reconnect.max-backoff=500ms"),
                Map.of());
    MosaicService bridge =
        StorageBridge.DEFINITION
            .factory()
            .create(
                new ServiceContext(
                    config,
                    KafkaSettings.from(config, kafka.bootstrapServers()),
                    meters,
                    Clock.systemUTC()));
    closeLater(bridge);
    bridge.start();
  }

  private Set<String> produceNumbered(EmbeddedKafkaBroker kafka, String name, int count)
      throws Exception {
    List<AggregatePoint> points = new ArrayList<>();
    Set<String> lines = new HashSet<>();
    for (int i = 0; i < count; i++) {
      points.add(new AggregatePoint("stats." + name + ".p" + i, i, TS));
      lines.add("stats." + name + ".p" + i + " " + i + " " + TS);
    }
    produce(kafka, new AggregateBatch(TS * 1000, 10_000, points));
    return lines;
  }

  private void produce(EmbeddedKafkaBroker kafka, AggregateBatch batch) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      producer.send(new ProducerRecord<>(prefix + "aggregates", encode(batch))).get();
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafkaBroker kafka) {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static byte[] encode(AggregateBatch batch) {
    return AggregateBatchSerde.encode(batch);
  }

  private static AggregateBatch batch(AggregatePoint... points) {
    return new AggregateBatch(TS * 1000, 10_000, List.of(points));
  }

  private long committedRecords(Admin admin) throws Exception {
    Map<?, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
  }

  private double counter(String name) {
    // summed over the destination tag: these tests have one destination
    return meters.find("mosaic.storage-bridge." + name).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private double gauge(String name) {
    return meters.get("mosaic.storage-bridge." + name).gauge().value();
  }

  private <T extends AutoCloseable> T closeLater(T closeable) {
    toClose.add(closeable);
    return closeable;
  }
}
