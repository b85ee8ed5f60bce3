/**
 * Stage 1 of mosaic: the collector receives StatsD over UDP, parses and sanitises each line, stamps
 * the receive time, and publishes the samples to Kafka in per-partition batches.
 *
 * <pre>
 * UDP datagram → listener.StatsdDatagramHandler → statsd.StatsdLineParser → MetricSample
 *     → publish.SampleBatcher (per partition) → KafkaProducer → &lt;prefix&gt;samples
 * </pre>
 *
 * <p>Entry points: {@link dev.mosaic.collector.Collector} (definition and {@code main}) and {@link
 * dev.mosaic.collector.CollectorService}. The collector keeps no state beyond open batches, so any
 * number can run side by side.
 */
package dev.mosaic.collector;
