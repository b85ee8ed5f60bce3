package dev.mosaic.collector.publish;

import dev.mosaic.collector.internal.LogThrottle;
import dev.mosaic.contract.KafkaSettings;
import dev.mosaic.contract.SampleBatch;
import dev.mosaic.contract.SampleBatchSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends sample batches to the samples topic, one record per batch, to the batch's partition with a
 * null key.
 *
 * <pre>
 * SampleBatcher → KafkaSampleBatchPublisher → KafkaProducer → &lt;prefix&gt;samples
 * </pre>
 *
 * <p>Outcomes are counted in {@link PublishMeters} from the producer's callback; failures are also
 * logged, at most once per {@link LogThrottle} interval. {@link #close(Duration)} waits for records
 * in flight.
 */
public final class KafkaSampleBatchPublisher implements BatchPublisher {
  private static final Logger log = LoggerFactory.getLogger(KafkaSampleBatchPublisher.class);

  /**
   * How long {@code send()} may block, on the receive thread, when the producer's buffer is full or
   * the topic's metadata is missing. Kept tiny instead of handing batches to a thread of our own:
   * the producer's buffer (32 MiB) already is the queue between the receive thread and Kafka, and a
   * second queue would only add a copy and a knob. While Kafka is away the buffer fills, and then
   * each batch costs at most this long before it is dropped and counted: the kernel's UDP buffer
   * keeps absorbing packets meanwhile.
   */
  static final int MAX_BLOCK_MILLIS = 10;

  /** A heartbeat's value: a batch of no samples, which every aggregator reads as such. */
  private static final SampleBatch HEARTBEAT = new SampleBatch(List.of());

  private final Producer<byte[], SampleBatch> producer;
  private final String topic;
  private final PublishMeters meters;
  private final LogThrottle errorLog;

  /**
   * @param producer used from the receive and flush threads; closed by {@link #close(Duration)}
   */
  public KafkaSampleBatchPublisher(
      Producer<byte[], SampleBatch> producer,
      String topic,
      PublishMeters meters,
      LogThrottle errorLog) {
    this.producer = producer;
    this.topic = topic;
    this.meters = meters;
    this.errorLog = errorLog;
  }

  /** A producer for the samples topic with mosaic's settings; see the collector's docs. */
  public static Producer<byte[], SampleBatch> createProducer(KafkaSettings kafka, String clientId) {
    Map<String, Object> props = kafka.clientProperties(clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // Our batches are already large; a short linger lets the producer put batches for several
    // partitions of one broker into one request.
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MILLIS);
    // Kafka forgets a topic's metadata after this much idleness, and the next send() would then
    // wait for it — longer than MAX_BLOCK_MILLIS on a slow network. A day keeps it refreshed.
    props.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, Duration.ofDays(1).toMillis());
    return new KafkaProducer<>(
        props, new ByteArraySerializer(), new SampleBatchSerde().serializer());
  }

  /**
   * The samples topic's partition count, which also loads its metadata into the producer so that
   * the first {@code send()} need not wait for it.
   *
   * @throws IllegalStateException if the metadata did not arrive within {@code timeout}
   */
  public int awaitPartitionCount(Duration timeout) {
    // Each attempt waits up to MAX_BLOCK_MILLIS for the producer's own metadata fetch.
    long attempts = Math.max(1, timeout.toMillis() / MAX_BLOCK_MILLIS);
    TimeoutException last = null;
    for (long i = 0; i < attempts; i++) {
      try {
        return producer.partitionsFor(topic).size();
      } catch (TimeoutException e) {
        last = e;
      }
    }
    throw new IllegalStateException(
        "no metadata for topic " + topic + " after " + timeout.toMillis() + " ms", last);
  }

  @Override
  public void publish(int partition, SampleBatch batch) {
    int samples = batch.samples().size();
    try {
      producer.send(
          new ProducerRecord<>(topic, partition, null, batch),
          (metadata, error) -> {
            if (error == null) {
              meters.published().increment(samples);
            } else {
              failed(partition, samples, error);
            }
          });
    } catch (RuntimeException e) { // e.g. the producer is closed; never reaches the receive thread
      failed(partition, samples, e);
    }
  }

  /**
   * Sends an empty batch to one partition with its record timestamp set to {@code timestampMillis}:
   * a heartbeat ({@link PartitionHeartbeats}). Acknowledged ones are counted in {@link
   * PublishMeters#heartbeats()}; a failed one is only logged (throttled), since it loses no sample
   * and the next one follows within the heartbeat interval.
   *
   * <p>Same threading and blocking as {@link #publish}: returns promptly, never throws.
   */
  public void publishHeartbeat(int partition, long timestampMillis) {
    try {
      producer.send(
          new ProducerRecord<>(topic, partition, timestampMillis, null, HEARTBEAT),
          (metadata, error) -> {
            if (error == null) {
              meters.heartbeats().increment();
            } else {
              heartbeatFailed(partition, error);
            }
          });
    } catch (RuntimeException e) { // e.g. the producer is closed
      heartbeatFailed(partition, e);
    }
  }

  /** Closes the producer, waiting up to {@code timeout} for records in flight. */
  public void close(Duration timeout) {
    producer.close(timeout);
  }

  private void heartbeatFailed(int partition, Exception error) {
    if (errorLog.shouldLog()) {
      log.warn(
          "heartbeat for {}-{} failed: {} ({} more failed records not logged)",
          topic,
          partition,
          error.toString(),
          errorLog.suppressedSinceLastLog());
    }
  }

  private void failed(int partition, int samples, Exception error) {
    meters.errors().increment();
    meters.dropped().increment(samples);
    if (errorLog.shouldLog()) {
      log.warn(
          "dropped {} samples for {}-{}: {} ({} more failed records not logged)",
          samples,
          topic,
          partition,
          error.toString(),
          errorLog.suppressedSinceLastLog());
    }
  }
}
