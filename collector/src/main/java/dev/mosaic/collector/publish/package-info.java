/**
 * Publishing: samples are grouped by the partition {@link dev.mosaic.contract.MetricPartitioner}
 * gives their name, and each group is sent as one {@link dev.mosaic.contract.SampleBatch} record
 * when it is full or old enough.
 *
 * <pre>
 * MetricSample → SampleBatcher (one open batch per partition) → KafkaSampleBatchPublisher
 *     → KafkaProducer → &lt;prefix&gt;samples, partition p, key null
 * </pre>
 *
 * <p>Nothing here ever blocks the receive thread for long: the producer's {@code max.block.ms} is
 * small and a full producer buffer drops the batch and counts it. See {@code docs/collector.md}.
 */
package dev.mosaic.collector.publish;
