package dev.mosaic.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.kafka.embedded.junit.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class EmbeddedKafkaBrokerTest {

  @Test
  void sharedBrokerCarriesRecordsOnLoopback(EmbeddedKafkaBroker kafka) throws Exception {
    assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
    createTopic(kafka, "shared-roundtrip");
    produce(kafka, "shared-roundtrip", "hello");
    assertThat(consumeAll(kafka, "shared-roundtrip", 1)).containsExactly("hello");
  }

  @Test
  void restartKeepsRecordsInItsDataDirectory(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dir, 0, 0)) {
      createTopic(first, "survives");
      produce(first, "survives", "in flight");
    }
    try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(dir, 0, 0)) {
      assertThat(consumeAll(second, "survives", 1)).containsExactly("in flight");
    }
  }

  private static void createTopic(EmbeddedKafkaBroker kafka, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static void produce(EmbeddedKafkaBroker kafka, String topic, String value)
      throws Exception {
    Map<String, Object> props =
        Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "key.serializer", StringSerializer.class,
            "value.serializer", StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> consumeAll(EmbeddedKafkaBroker kafka, String topic, int expected) {
    Map<String, Object> props =
        Map.of(
            "bootstrap.servers",
            kafka.bootstrapServers(),
            "group.id",
            "test-" + topic,
            "auto.offset.reset",
            "earliest",
            "key.deserializer",
            StringDeserializer.class,
            "value.deserializer",
            StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
