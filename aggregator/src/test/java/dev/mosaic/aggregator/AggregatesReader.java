package dev.mosaic.aggregator;

import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchSerde;
import dev.mosaic.contract.AggregatePoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads every partition of an aggregates topic from the start, keeping every point seen. */
final class AggregatesReader implements AutoCloseable {
  private final KafkaConsumer<byte[], AggregateBatch> consumer;
  private final List<AggregatePoint> points = new ArrayList<>();

  AggregatesReader(String bootstrapServers, String topic, int partitions) {
    consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", bootstrapServers, "isolation.level", "read_committed"),
            new ByteArrayDeserializer(),
            new AggregateBatchSerde().deserializer());
    List<TopicPartition> all = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      all.add(new TopicPartition(topic, p));
    }
    consumer.assign(all);
    consumer.seekToBeginning(all);
  }

  /** Polls once; then every value seen, by timestamp and name, in arrival order. */
  Map<Long, Map<String, List<Double>>> poll() {
    for (ConsumerRecord<byte[], AggregateBatch> record : consumer.poll(Duration.ofMillis(200))) {
      points.addAll(record.value().points());
    }
    return points.stream()
        .collect(
            Collectors.groupingBy(
                AggregatePoint::timestampSeconds,
                TreeMap::new,
                Collectors.groupingBy(
                    AggregatePoint::name,
                    TreeMap::new,
                    Collectors.mapping(AggregatePoint::value, Collectors.toList()))));
  }

  @Override
  public void close() {
    consumer.close();
  }
}
