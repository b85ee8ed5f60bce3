package dev.mosaic.collector.publish;

import dev.mosaic.contract.SampleBatch;

/**
 * Where {@link SampleBatcher} sends a finished batch: Kafka in production, a list in tests.
 *
 * <pre>
 * SampleBatcher → BatchPublisher → (KafkaSampleBatchPublisher) → &lt;prefix&gt;samples
 * </pre>
 */
public interface BatchPublisher {
  /**
   * Sends one batch to one partition.
   *
   * <p>Contract: returns promptly (it runs on the receive thread) and never throws — a batch that
   * cannot be sent is counted and dropped by the implementation. May be called by several threads
   * at once (one {@link SampleBatcher} per receive thread, see {@link PerThreadBatchers}); each
   * batcher calls it one batch at a time, in the order its batches were closed, so the batches of
   * one partition from one thread keep the order of their samples.
   *
   * @param partition every sample's name maps to it under {@link
   *     dev.mosaic.contract.MetricPartitioner}
   * @param batch never empty
   */
  void publish(int partition, SampleBatch batch);
}
