package dev.mosaic.aggregator;

import dev.mosaic.aggregator.statsd.SeriesChangelog;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.KafkaTopicProvisioner;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The compacted {@code <prefix>aggregator-state} topic: the {@link SeriesChangelog} records the
 * aggregator commits with its offsets, read back when it is assigned samples partitions. A series'
 * records live in the partition of the same number as its samples, so the topic has as many
 * partitions as the samples topic.
 *
 * <pre>
 *   AggregatePublisher → aggregator-state → SeriesStateTopic#latest → IntervalAggregator (restore)
 * </pre>
 */
final class SeriesStateTopic implements SeriesStateReader {
  private final KafkaSettings kafka;
  private final String topic;
  private final Duration timeout;

  SeriesStateTopic(KafkaSettings kafka, String topic, Duration timeout) {
    this.kafka = kafka;
    this.topic = topic;
    this.timeout = timeout;
  }

  /**
   * Creates the topic, compacted and with the samples topic's partition count, when it is missing.
   *
   * @throws IllegalStateException if an existing topic's partition count differs from the samples
   *     topic's, or Kafka does not answer in time
   */
  void ensureExists(String samples) {
    KafkaTopicProvisioner.ensureCompactedAlongside(kafka, topic, samples, timeout.toMillis());
  }

  /**
   * Reads the partitions from their beginning to their last stable offset, committed records only.
   * Called after the consumer found the partitions' committed offsets, so any transaction a dead
   * owner left open on them is already over.
   *
   * @throws IllegalStateException if the end is not reached within the timeout
   */
  @Override
  public Map<String, byte[]> latest(Collection<Integer> partitions) {
    List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
    Map<String, byte[]> latest = new HashMap<>();
    if (tps.isEmpty()) {
      return latest;
    }
    Map<String, Object> props = kafka.clientProperties("mosaic-aggregator-state-restore");
    props.put("enable.auto.commit", "false");
    props.put("isolation.level", "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      // Under read_committed, the end offsets are the last stable offsets.
      Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + topic + " " + partitions + " to its end in " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() != null) {
            latest.put(SeriesChangelog.decodeKey(record.key()), record.value());
          }
        }
      }
    }
    return latest;
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
