/**
 * Incidents: the rules that turn series changes into incident events ({@link
 * dev.mosaic.stateengine.incident.IncidentBook}), and their Kafka side: writing events and state to
 * the incidents and compacted incident-state topics in one transaction with the consumed offsets
 * ({@link dev.mosaic.stateengine.incident.StateOutbox}, {@link
 * dev.mosaic.stateengine.incident.StateCommitter}), and reading a partition's state back when the
 * engine is assigned it ({@link dev.mosaic.stateengine.incident.IncidentStateReader}).
 */
package dev.mosaic.stateengine.incident;
