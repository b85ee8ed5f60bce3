/**
 * The notifier's pending state kept in Kafka: escalation timers, open groups and the delivery log,
 * as the latest value per key of the compacted {@code <prefix>notifier-state} topic, written before
 * the incidents offset is committed and read back at start.
 *
 * <pre>
 * EscalationTimers, NotificationGroups, DeliveryLog → StateJournal → notifier-state (compacted)
 * notifier-state → StateTopic.readAll → RestoredState → restore(...) at start
 * </pre>
 */
package dev.mosaic.notifier.state;
