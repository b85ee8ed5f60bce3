/**
 * Evaluation without Kafka or HTTP: the state of each series under each check (thresholds,
 * hysteresis, for-N, no-data), Nagios-style flap detection, recent values for {@code GET /check},
 * and the {@link dev.mosaic.stateengine.eval.CheckEngine} that holds them under one lock.
 */
package dev.mosaic.stateengine.eval;
