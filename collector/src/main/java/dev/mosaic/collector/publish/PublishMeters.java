package dev.mosaic.collector.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The publishing stage's self-metrics.
 *
 * <pre>
 * KafkaSampleBatchPublisher → PublishMeters → ServiceContext.meters()
 * </pre>
 *
 * @param published {@code mosaic.collector.samples.published}: samples in records Kafka
 *     acknowledged
 * @param errors {@code mosaic.collector.publish.errors}: records that failed (buffer full, Kafka
 *     unreachable past the delivery timeout, producer closed)
 * @param dropped {@code mosaic.collector.samples.dropped}: samples in those records
 * @param heartbeats {@code mosaic.collector.publish.heartbeats}: heartbeat records (empty batches,
 *     see {@link PartitionHeartbeats}) Kafka acknowledged; they are in none of the other counts
 */
public record PublishMeters(
    Counter published, Counter errors, Counter dropped, Counter heartbeats) {
  public static PublishMeters register(MeterRegistry registry) {
    return new PublishMeters(
        registry.counter("mosaic.collector.samples.published"),
        registry.counter("mosaic.collector.publish.errors"),
        registry.counter("mosaic.collector.samples.dropped"),
        registry.counter("mosaic.collector.publish.heartbeats"));
  }
}
