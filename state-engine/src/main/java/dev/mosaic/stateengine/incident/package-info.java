/**
 * Incidents: the rules that turn series changes into incident events ({@link
 * dev.mosaic.stateengine.incident.IncidentBook}), and their Kafka side: publishing to the incidents
 * and compacted incident-state topics, and reading the latter back at start.
 */
package dev.mosaic.stateengine.incident;
