package dev.mosaic.aggregator;

import dev.mosaic.aggregator.statsd.FlushedInterval;
import dev.mosaic.aggregator.statsd.SeriesAggregates;
import dev.mosaic.aggregator.statsd.SeriesChangelog;
import dev.mosaic.contract.AggregateBatch;
import dev.mosaic.contract.AggregateBatchWriter;
import dev.mosaic.contract.AggregatePoint;
import dev.mosaic.contract.MetricPartitioner;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes flushed intervals to the aggregates topic and commits the input offsets that no open
 * interval needs any more, in one Kafka transaction: either both happen or neither does. Each
 * interval becomes one {@link AggregateBatch} per partition (the partition of each point's source
 * metric), split when it would be too large. The same transaction writes the {@link
 * SeriesChangelog} records of those intervals to the state topic, each to the partition of its
 * series, so the known series and gauge levels a successor restores match the committed offsets.
 *
 * <pre>
 *   FlushedInterval → beginTransaction → send batches + state records → sendOffsetsToTransaction
 *     → commitTransaction
 * </pre>
 *
 * <p>The offsets go through {@code sendOffsetsToTransaction} with the consumer's group metadata, so
 * the group coordinator refuses them (and the transaction aborts) once this member's generation is
 * stale: a member that lost its partitions in a rebalance cannot publish over the new owner. The
 * producer must have called {@code initTransactions()}.
 */
final class AggregatePublisher {
  private static final Logger log = LoggerFactory.getLogger(AggregatePublisher.class);

  /** Half the broker's default 1 MiB record limit, leaving room for the record's overhead. */
  static final int MAX_RECORD_BYTES = 512 * 1024;

  /** What became of one transaction. */
  enum Outcome {
    /** Committed: the aggregates are visible to read_committed consumers, the offsets committed. */
    PUBLISHED,
    /** Aborted (Kafka refused a record or timed out): nothing is visible, nothing committed. */
    REFUSED,
    /** Aborted because the group has moved on: these partitions now belong to someone else. */
    GROUP_MOVED
  }

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final String stateTopic;
  private final int maxPointsPerRecord;
  private final Counter published;
  private final Counter failures;
  private long lastPublishedBytes;

  AggregatePublisher(
      Producer<byte[], byte[]> producer,
      String topic,
      String stateTopic,
      int maxPointsPerRecord,
      Counter published,
      Counter failures) {
    this.producer = producer;
    this.topic = topic;
    this.stateTopic = stateTopic;
    this.maxPointsPerRecord = maxPointsPerRecord;
    this.published = published;
    this.failures = failures;
  }

  /** As below, with no state records. */
  Outcome publish(
      List<FlushedInterval> intervals,
      Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupMetadata group) {
    return publish(intervals, Map.of(), offsets, group);
  }

  /**
   * Publishes every interval's batches and {@code state} records (key → value, null for a
   * tombstone) and commits {@code offsets} for {@code group} in one transaction.
   *
   * @return whether the transaction committed; a refused one is counted in {@code
   *     mosaic.aggregator.publish_failures} and logged
   * @throws KafkaException when the transaction could not even be aborted, or the producer is
   *     fenced by a newer one with the same {@code transactional.id}: this producer is unusable
   */
  Outcome publish(
      List<FlushedInterval> intervals,
      Map<String, byte[]> state,
      Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupMetadata group) {
    int points = 0;
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    try {
      producer.beginTransaction();
      int partitions = producer.partitionsFor(topic).size();
      for (FlushedInterval interval : intervals) {
        points += send(interval, partitions, sends);
      }
      if (!state.isEmpty()) {
        int statePartitions = producer.partitionsFor(stateTopic).size();
        state.forEach(
            (key, value) ->
                producer.send(
                    new ProducerRecord<>(
                        stateTopic,
                        MetricPartitioner.partitionFor(
                            SeriesChangelog.sourceName(key), statePartitions),
                        SeriesChangelog.encodeKey(key),
                        value)));
      }
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, group);
      }
      // Flushes every send first and fails if any of them failed.
      producer.commitTransaction();
    } catch (ProducerFencedException
        | InvalidProducerEpochException
        | OutOfOrderSequenceException
        | AuthorizationException e) {
      // Another instance took over this transactional.id, or the producer is broken for good.
      throw e;
    } catch (KafkaException e) {
      failures.increment();
      abort(e);
      if (causedBy(e, CommitFailedException.class)
          || causedBy(e, RebalanceInProgressException.class)) {
        log.warn("aggregates not published: the group rebalanced ({})", e.getMessage());
        return Outcome.GROUP_MOVED;
      }
      log.error("Kafka did not take the aggregates for {}; transaction aborted", topic, e);
      return Outcome.REFUSED;
    }
    published.increment(points);
    lastPublishedBytes = 0;
    for (Future<RecordMetadata> send : sends) {
      lastPublishedBytes += valueBytes(send);
    }
    return Outcome.PUBLISHED;
  }

  /** The size of a send that succeeded: commitTransaction() flushed it and failed if it had. */
  private static long valueBytes(Future<RecordMetadata> send) {
    try {
      return Math.max(0, send.get().serializedValueSize());
    } catch (ExecutionException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** The bytes of the record values of the last committed publish. */
  long lastPublishedBytes() {
    return lastPublishedBytes;
  }

  private void abort(KafkaException cause) {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      cause.addSuppressed(e);
      throw cause;
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sends the interval's records: each series' points go to the partition of its source metric, in
   * the interval's order, cut into a new record when one reaches {@code maxPointsPerRecord} points
   * or its estimated size would pass {@link #MAX_RECORD_BYTES}. Points are encoded as they are cut,
   * in one pass; a full record leaves at once, so the producer sends while the rest is encoded.
   *
   * @return the points sent
   */
  private int send(FlushedInterval interval, int partitions, List<Future<RecordMetadata>> sends) {
    RecordUnderWay[] records = new RecordUnderWay[partitions];
    int points = 0;
    for (SeriesAggregates series : interval.series()) {
      int partition = MetricPartitioner.partitionFor(series.sourceName(), partitions);
      RecordUnderWay record = records[partition];
      if (record == null) {
        record = new RecordUnderWay(interval);
        records[partition] = record;
      }
      for (AggregatePoint point : series.points()) {
        // At most three UTF-8 bytes per Java char; value, timestamp and lengths take at most 16.
        int size = point.name().length() * 3 + 16;
        int inRecord = record.writer.points();
        if (inRecord > 0
            && (inRecord == maxPointsPerRecord
                || record.estimatedBytes + size > MAX_RECORD_BYTES)) {
          points += record.sendTo(partition, sends);
        }
        record.estimatedBytes += size;
        record.writer.add(point);
      }
    }
    for (int partition = 0; partition < partitions; partition++) {
      if (records[partition] != null && records[partition].writer.points() > 0) {
        points += records[partition].sendTo(partition, sends);
      }
    }
    return points;
  }

  /** The record of one partition being filled, with the size estimate that decides the cut. */
  private final class RecordUnderWay {
    final AggregateBatchWriter writer;
    int estimatedBytes;

    RecordUnderWay(FlushedInterval interval) {
      writer = new AggregateBatchWriter(interval.startMillis(), interval.lengthMillis(), 64 * 1024);
    }

    /** Sends the record and starts the next one; returns its points. */
    int sendTo(int partition, List<Future<RecordMetadata>> sends) {
      int points = writer.points();
      sends.add(producer.send(new ProducerRecord<>(topic, partition, null, writer.toByteArray())));
      writer.clear();
      estimatedBytes = 0;
      return points;
    }
  }
}
