package dev.mosaic.aggregator;

import dev.mosaic.aggregator.statsd.FlushedInterval;
import dev.mosaic.aggregator.statsd.SeriesAggregates;
import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.MetricPartitioner;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes flushed intervals to the aggregates topic: one {@link AggregateBatch} per interval and
 * partition (the partition of each point's source metric), split when it would be too large, and
 * waits until Kafka has acknowledged them.
 *
 * <pre>
 *   FlushedInterval → AggregatePublisher → ProducerRecord(topic, partition, null, batch) → &lt;prefix&gt;aggregates
 * </pre>
 */
final class AggregatePublisher {
  private static final Logger log = LoggerFactory.getLogger(AggregatePublisher.class);

  /** Half the broker's default 1 MiB record limit, leaving room for the record's overhead. */
  static final int MAX_RECORD_BYTES = 512 * 1024;

  private final Producer<byte[], AggregateBatch> producer;
  private final String topic;
  private final int maxPointsPerRecord;
  private final Counter published;
  private final Counter failures;

  AggregatePublisher(
      Producer<byte[], AggregateBatch> producer,
      String topic,
      int maxPointsPerRecord,
      Counter published,
      Counter failures) {
    this.producer = producer;
    this.topic = topic;
    this.maxPointsPerRecord = maxPointsPerRecord;
    this.published = published;
    this.failures = failures;
  }

  /**
   * Sends every interval's batches, flushes the producer and checks each acknowledgement.
   *
   * @return true if Kafka acknowledged every record; false if any was lost (each is counted in
   *     {@code mosaic.aggregator.publish_failures} and logged)
   */
  boolean publish(List<FlushedInterval> intervals) {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    boolean delivered = true;
    try {
      int partitions = producer.partitionsFor(topic).size();
      for (FlushedInterval interval : intervals) {
        for (Map.Entry<Integer, List<AggregatePoint>> partition :
            byPartition(interval, partitions).entrySet()) {
          for (List<AggregatePoint> chunk : chunks(partition.getValue())) {
            AggregateBatch batch =
                new AggregateBatch(interval.startMillis(), interval.lengthMillis(), chunk);
            sends.add(producer.send(new ProducerRecord<>(topic, partition.getKey(), null, batch)));
            sizes.add(chunk.size());
          }
        }
      }
    } catch (KafkaException e) {
      failures.increment();
      log.error("could not send aggregates to {}; these points are lost", topic, e);
      delivered = false;
    }
    producer.flush();
    for (int i = 0; i < sends.size(); i++) {
      try {
        sends.get(i).get();
        published.increment(sizes.get(i));
      } catch (ExecutionException e) {
        failures.increment();
        delivered = false;
        log.error("Kafka did not take {} aggregate points for {}", sizes.get(i), topic, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return delivered;
  }

  private static Map<Integer, List<AggregatePoint>> byPartition(
      FlushedInterval interval, int partitions) {
    Map<Integer, List<AggregatePoint>> points = new TreeMap<>();
    for (SeriesAggregates series : interval.series()) {
      points
          .computeIfAbsent(
              MetricPartitioner.partitionFor(series.sourceName(), partitions),
              p -> new ArrayList<>())
          .addAll(series.points());
    }
    return points;
  }

  private List<List<AggregatePoint>> chunks(List<AggregatePoint> points) {
    List<List<AggregatePoint>> chunks = new ArrayList<>();
    int from = 0;
    int bytes = 0;
    for (int i = 0; i < points.size(); i++) {
      // At most three UTF-8 bytes per Java char; value, timestamp and lengths take at most 16 more.
      int size = points.get(i).name().length() * 3 + 16;
      if (i > from && (i - from == maxPointsPerRecord || bytes + size > MAX_RECORD_BYTES)) {
        chunks.add(points.subList(from, i));
        from = i;
        bytes = 0;
      }
      bytes += size;
    }
    if (from < points.size()) {
      chunks.add(points.subList(from, points.size()));
    }
    return chunks;
  }
}
