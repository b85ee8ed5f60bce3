package dev.mosaic.stateengine.incident;

import dev.mosaic.contract.KafkaSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes incident events, incident-state records and the offsets of the aggregates they came from
 * in one Kafka transaction, so that after a crash either all of them are visible (to {@code
 * read_committed} readers) or none, and the engine resumes from exactly the aggregates its saved
 * state reflects.
 *
 * <pre>
 * StateOutbox → StateTransactions → incidents, incident-state topics + the group's offsets
 * </pre>
 *
 * <p>Used by the consuming thread only. Each instance has its own random {@code transactional.id}:
 * fencing of an engine that lost its partitions comes from the consumer group generation that goes
 * with the offsets, not from the id.
 */
public final class StateTransactions implements AutoCloseable {
  /**
   * How long a transaction may stay open; an engine that dies mid-transaction holds back {@code
   * read_committed} readers of its partitions this long at most.
   */
  static final int TRANSACTION_TIMEOUT_MS = 10_000;

  private final KafkaProducer<String, byte[]> producer;

  public StateTransactions(KafkaSettings kafka, String consumerGroup) {
    Map<String, Object> props = kafka.clientProperties("mosaic-state-engine");
    props.put("acks", "all");
    props.put("enable.idempotence", true);
    props.put("transactional.id", consumerGroup + "-" + UUID.randomUUID());
    props.put("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    producer.initTransactions();
  }

  /**
   * Writes the records and commits the offsets in one transaction.
   *
   * @return empty if it committed; otherwise why it was aborted, and the caller may try again
   * @throws KafkaException when this producer can no longer write (fenced, not authorised): the
   *     engine must stop
   */
  public Optional<String> commit(
      List<ProducerRecord<String, byte[]>> records,
      Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupMetadata group) {
    try {
      producer.beginTransaction();
      records.forEach(producer::send);
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, group);
      }
      producer.commitTransaction();
      return Optional.empty();
    } catch (ProducerFencedException
        | OutOfOrderSequenceException
        | AuthorizationException
        | UnsupportedVersionException e) {
      throw e;
    } catch (KafkaException e) {
      producer.abortTransaction();
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  @Override
  public void close() {
    producer.close(); // a second close does nothing
  }
}
