/**
 * Stage 2 of the pipeline: consumes raw samples, aggregates them per aligned interval with Etsy
 * StatsD semantics ({@link dev.mosaic.aggregator.statsd}) and publishes the interval's points.
 *
 * <pre>
 *   &lt;prefix&gt;samples → KafkaConsumer → IntervalAggregator → flush → AggregatePublisher
 *     → AggregateBatch per output partition → KafkaProducer → &lt;prefix&gt;aggregates → commit
 * </pre>
 *
 * <p>Delivery is at-least-once: an input offset is committed only after every interval its samples
 * fed was published and the producer flushed. A restarted or newly assigned aggregator reads the
 * uncommitted records again and, using the {@code CommitMarker} in the committed metadata, skips
 * the samples of intervals already published. Gauge levels and the set of known series are in
 * memory only: after a restart a gauge reappears when next set, and an idle series is not reported
 * until it is seen again.
 */
package dev.mosaic.aggregator;
