/**
 * Stage 1 of mosaic: the collector receives StatsD (UDP and TCP), log lines carrying l2met metrics
 * (TCP) and HTTP log drains, parses and sanitises each line, stamps the receive time, and publishes
 * the samples to Kafka in per-partition batches.
 *
 * <pre>
 * listener.* → statsd.StatsdLineParser / logfmt.LogfmtMetricParser → MetricSample
 *     → publish.SampleBatcher (per partition) → KafkaProducer → &lt;prefix&gt;samples
 * </pre>
 *
 * <p>Entry points: {@link dev.mosaic.collector.Collector} (definition and {@code main}) and {@link
 * dev.mosaic.collector.CollectorService}. The collector keeps no state beyond open batches and the
 * set of series names it has seen, so any number can run side by side.
 */
package dev.mosaic.collector;
