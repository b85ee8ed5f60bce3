package dev.mosaic.stateengine.incident;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentSerde;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.SeriesSnapshot;
import dev.mosaic.contract.SeriesSnapshotSerde;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads partitions of the compacted incident-state topic from their beginning to their end: the
 * latest committed version of every incident and series snapshot, as the engine that owned them
 * left them.
 *
 * <p>It reads committed records only, and it waits until no transaction is open on a partition (its
 * end is the high watermark, not the last stable offset), so the state a previous owner committed
 * just before handing the partition over is always seen.
 *
 * <pre>
 * incident-state topic → IncidentStateReader → CheckEngine.restore (on assignment)
 * </pre>
 */
public final class IncidentStateReader {
  private IncidentStateReader() {}

  /**
   * @param badRecords counts values that cannot be read; they are skipped
   * @throws IllegalStateException if the ends are not reached within {@code timeout}
   */
  public static List<SavedPartition> read(
      KafkaSettings kafka,
      String topic,
      Collection<Integer> partitions,
      Duration timeout,
      Counter badRecords) {
    List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
    if (tps.isEmpty()) {
      return List.of();
    }
    Map<TopicPartition, Long> end = highWatermarks(kafka, tps, timeout);
    Map<String, Object> props = kafka.clientProperties("mosaic-state-engine-restore");
    props.put("enable.auto.commit", false);
    props.put("isolation.level", "read_committed");
    Map<Integer, Map<String, byte[]>> latest = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + topic + " " + partitions + " to its end in " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Map<String, byte[]> values =
              latest.computeIfAbsent(record.partition(), p -> new LinkedHashMap<>());
          values.remove(record.key()); // a newer version goes to the end: restore order is age
          if (record.value() != null) {
            values.put(record.key(), record.value());
          }
        }
      }
    }
    List<SavedPartition> saved = new ArrayList<>();
    for (int partition : partitions) {
      saved.add(decode(partition, latest.getOrDefault(partition, Map.of()), badRecords));
    }
    return saved;
  }

  private static SavedPartition decode(int partition, Map<String, byte[]> values, Counter bad) {
    List<Incident> incidents = new ArrayList<>();
    List<SeriesSnapshot> series = new ArrayList<>();
    values.forEach(
        (key, value) -> {
          try {
            if (key != null && key.startsWith(SeriesSnapshot.KEY_PREFIX)) {
              series.add(SeriesSnapshotSerde.decode(value));
            } else {
              incidents.add(IncidentSerde.decode(value));
            }
          } catch (RuntimeException e) {
            bad.increment();
          }
        });
    return new SavedPartition(partition, incidents, series);
  }

  private static Map<TopicPartition, Long> highWatermarks(
      KafkaSettings kafka, List<TopicPartition> tps, Duration timeout) {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    tps.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    try (Admin admin = Admin.create(kafka.clientProperties("mosaic-state-engine-restore"))) {
      Map<TopicPartition, Long> end = new HashMap<>();
      admin
          .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
          .all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .forEach((tp, info) -> end.put(tp, info.offset()));
      return end;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot find the end of " + tps, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + tps, e);
    }
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
