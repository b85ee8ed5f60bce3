package dev.mosaic.stateengine.incident;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentSerde;
import dev.mosaic.contract.KafkaSettings;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the compacted incident-state topic from its beginning to its current end: the latest
 * version of every incident, as the engine left them before it stopped.
 *
 * <pre>
 * incident-state topic → IncidentStateReader → CheckEngine.restore (at start)
 * </pre>
 */
public final class IncidentStateReader {
  private IncidentStateReader() {}

  /**
   * @param badRecords counts values that are not an {@link Incident}; they are skipped
   * @throws IllegalStateException if the end is not reached within {@code timeout}
   */
  public static Collection<Incident> readAll(
      KafkaSettings kafka, String topic, Duration timeout, Counter badRecords) {
    Map<String, Object> props = kafka.clientProperties("mosaic-state-engine-restore");
    props.put("enable.auto.commit", false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Map<String, Incident> latest = new LinkedHashMap<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null) {
            latest.remove(record.key());
            continue;
          }
          try {
            Incident incident = IncidentSerde.decode(record.value());
            latest.put(incident.id(), incident);
          } catch (RuntimeException e) {
            badRecords.increment();
          }
        }
      }
      return latest.values();
    }
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    Set<TopicPartition> partitions = end.keySet();
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < end.get(tp)) {
        return false;
      }
    }
    return true;
  }
}
