/**
 * Stage 3 of the pipeline: evaluates threshold checks from check files against the aggregates and
 * keeps incidents on Kafka, with a JSON API beside it.
 *
 * <pre>
 *   &lt;prefix&gt;aggregates → KafkaConsumer → CheckEngine (per check and series: SeriesEvaluator)
 *     → IncidentBook → StateOutbox → StateCommitter, one transaction with the consumed offsets:
 *         &lt;prefix&gt;incidents (events, for the notifier)
 *         &lt;prefix&gt;incident-state (compacted, per aggregates partition; restored on assignment
 *         by PartitionHandOver)
 *   checks/*.yaml → CheckDirectory (polled on the clock) → CheckEngine.replaceChecks
 *   HTTP → ApiServer → ApiRoutes → CheckEngine
 * </pre>
 *
 * <p>Only {@link dev.mosaic.stateengine.StateEngine}, its keys and settings and {@link
 * dev.mosaic.stateengine.StateEngineService} are meant for other modules; the sub-packages are the
 * engine's own parts: {@code check} (files, patterns, thresholds), {@code eval} (series states,
 * flapping, no-data), {@code incident} (incidents and their topics) and {@code http}.
 */
package dev.mosaic.stateengine;
