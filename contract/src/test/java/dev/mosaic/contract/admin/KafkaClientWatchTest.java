package dev.mosaic.contract.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.Topics;
import dev.mosaic.contract.config.ConfigLoader;
import dev.mosaic.contract.config.KafkaKeys;
import dev.mosaic.contract.config.MosaicConfig;
import dev.mosaic.contract.service.ServiceContext;
import dev.mosaic.kafka.embedded.EmbeddedKafkaBroker;
import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaClientWatchTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void aConsumerIsReadyOnceJoinedAndCaughtUpToTheLagBound(EmbeddedKafkaBroker kafka)
      throws Exception {
    String topic = "watch-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < 50; i++) {
        producer.send(new ProducerRecord<>(topic, 0, null, "r" + i));
      }
      producer.flush();
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ServiceContext context = context(kafka, meters, "--admin.ready.max-lag=10");
    try (KafkaConsumer<String, String> consumer =
            new KafkaConsumer<>(
                Map.of(
                    "bootstrap.servers",
                    kafka.bootstrapServers(),
                    "group.id",
                    "watch-" + UUID.randomUUID(),
                    "auto.offset.reset",
                    "earliest",
                    "max.poll.records",
                    "1"),
                new StringDeserializer(),
                new StringDeserializer());
        KafkaClientWatch watch = KafkaClientWatch.consumer(context, consumer)) {
      assertThat(watch.readiness().up()).isFalse();
      assertThat(watch.readiness().detail()).contains("not joined");

      consumer.subscribe(List.of(topic));
      // One record per poll: joined, but 49 records behind a bound of 10.
      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100));
                return watch.readiness().detail().contains("records behind");
              });
      assertThat(watch.readiness().up()).isFalse();
      assertThat(watch.readiness().detail()).contains(topic + "-0");

      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100));
                return watch.readiness().up();
              });
      assertThat(watch.readiness().detail()).startsWith("1 partition(s) assigned");
      // Micrometer binds the metrics of newly assigned partitions on its next refresh (10 s).
      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100));
                return meters
                        .find("kafka.consumer.fetch.manager.records.lag")
                        .tag("topic", topic)
                        .tag("partition", "0")
                        .gauge()
                    != null;
              });
    }
  }

  @Test
  void closingTheWatchRemovesTheClientsMeters(EmbeddedKafkaBroker kafka) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      KafkaClientWatch watch = KafkaClientWatch.producer(meters, producer);
      assertThat(meters.getMeters()).isNotEmpty();
      assertThat(watch.readiness().up()).isTrue();

      watch.close();
      watch.close();

      assertThat(meters.getMeters()).isEmpty();
    }
  }

  @Test
  void lagIsReportedOncePerPartitionNotAlsoUnderTheDeprecatedTopicTag(EmbeddedKafkaBroker kafka)
      throws Exception {
    String topic = "watch.dotted-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    MosaicConfig config =
        new ConfigLoader(List.of(KafkaKeys.TOPIC_PREFIX), Set.of())
            .load(List.of("--kafka.topic-prefix=watch."), Map.of());
    try (SelfMetrics metrics = SelfMetrics.create("aggregator", config);
        KafkaConsumer<String, String> consumer =
            new KafkaConsumer<>(
                Map.of(
                    "bootstrap.servers",
                    kafka.bootstrapServers(),
                    "group.id",
                    "watch-" + UUID.randomUUID(),
                    "auto.offset.reset",
                    "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
        KafkaClientWatch watch = KafkaClientWatch.consumer(metrics.registry(), consumer, 10)) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100));
                return metrics
                        .registry()
                        .find("kafka.consumer.fetch.manager.records.lag")
                        .tag("topic", topic)
                        .gauge()
                    != null;
              });

      // Kafka also reports the partition's metrics as topic="watch_dotted-…" (KIP-1109).
      assertThat(metrics.scrape())
          .contains("topic=\"" + topic + "\"")
          .doesNotContain(topic.replace('.', '_'));
    }
  }

  private static ServiceContext context(
      EmbeddedKafkaBroker kafka, SimpleMeterRegistry meters, String... args) throws Exception {
    return new ServiceContext(
        new ConfigLoader(AdminKeys.ALL, Set.of()).load(List.of(args), Map.of()),
        new KafkaSettings(kafka.bootstrapServers(), new Topics("watch."), 1, (short) 1),
        meters,
        Clock.systemUTC());
  }
}
