/**
 * Stage 2 of the pipeline: consumes raw samples, aggregates them per aligned interval with Etsy
 * StatsD semantics ({@link dev.mosaic.aggregator.statsd}) and publishes the interval's points.
 *
 * <pre>
 *   &lt;prefix&gt;samples → KafkaConsumer (read_committed) → IntervalAggregator → flush
 *     → AggregatePublisher: one transaction of AggregateBatch records + input offsets + CommitMarker
 *       + SeriesChangelog records
 *     → &lt;prefix&gt;aggregates, &lt;prefix&gt;aggregator-state (compacted)
 * </pre>
 *
 * <p>Delivery is exactly once: each interval's aggregates and the input offsets no open interval
 * needs any more are committed in one Kafka transaction, fenced by the consumer group's generation.
 * A restarted or newly assigned aggregator reads the uncommitted records again and, using the
 * {@code CommitMarker} in the committed metadata, skips the samples of intervals already published.
 * Gauge levels and the set of known series go to the compacted state topic in the same transaction
 * and are read back ({@code SeriesStateTopic}) when partitions are assigned, so a gauge keeps its
 * level and an idle series its zeros across a restart.
 */
package dev.mosaic.aggregator;
