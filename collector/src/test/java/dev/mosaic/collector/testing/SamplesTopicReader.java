package dev.mosaic.collector.testing;

import dev.mosaic.collector.listener.StatsdCounters;
import dev.mosaic.contract.MetricSample;
import dev.mosaic.contract.SampleBatch;
import dev.mosaic.contract.SampleBatchSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a samples topic from the beginning, keeping each record's partition with its samples. */
public final class SamplesTopicReader implements AutoCloseable {
  /** One sample and the partition of the record it came in. */
  public record Received(int partition, MetricSample sample) {}

  /** One record as read, heartbeats (empty batches) included. */
  public record Record(
      int partition, long offset, long timestamp, TimestampType type, int samples) {
    public boolean heartbeat() {
      return samples == 0;
    }
  }

  private static final Set<String> OWN_COUNTERS =
      Set.of(
          StatsdCounters.PACKETS_RECEIVED,
          StatsdCounters.METRICS_RECEIVED,
          StatsdCounters.BAD_LINES_SEEN);

  private final KafkaConsumer<byte[], SampleBatch> consumer;
  private final List<Received> received = new ArrayList<>();

  public SamplesTopicReader(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new SampleBatchSerde().deserializer());
    consumer.subscribe(List.of(topic));
  }

  private final List<MetricSample> ownCounters = new ArrayList<>();
  private final List<Record> records = new ArrayList<>();

  /**
   * Polls once briefly and returns everything read so far, apart from the collector's own {@code
   * statsd.*} counters (see {@link #ownCounters()}), which arrive whenever the collector counted
   * something.
   */
  public List<Received> poll() {
    for (ConsumerRecord<byte[], SampleBatch> record : consumer.poll(Duration.ofMillis(200))) {
      records.add(
          new Record(
              record.partition(),
              record.offset(),
              record.timestamp(),
              record.timestampType(),
              record.value().samples().size()));
      for (MetricSample sample : record.value().samples()) {
        if (OWN_COUNTERS.contains(sample.name())) {
          ownCounters.add(sample);
        } else {
          received.add(new Received(record.partition(), sample));
        }
      }
    }
    return List.copyOf(received);
  }

  /** Polls once briefly and returns the {@code statsd.*} counter samples read so far. */
  public List<MetricSample> ownCounters() {
    poll();
    return List.copyOf(ownCounters);
  }

  /** The sum of one own counter's samples read so far, e.g. {@code statsd.packets_received}. */
  public double ownCounterTotal(String name) {
    return ownCounters().stream()
        .filter(s -> s.name().equals(name))
        .mapToDouble(MetricSample::value)
        .sum();
  }

  /** Polls once briefly and returns every record read so far, per partition in offset order. */
  public List<Record> records() {
    poll();
    return List.copyOf(records);
  }

  /** Polls once briefly and returns the samples read so far. */
  public List<MetricSample> samples() {
    return poll().stream().map(Received::sample).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
