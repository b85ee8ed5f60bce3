/**
 * Grouping with Alertmanager's semantics: incidents that share a route and the values of its {@code
 * group-by} labels are sent together, first after {@code group-wait}, then at most every {@code
 * group-interval} while the group changes, and again every {@code repeat-interval} while it still
 * has open, unacknowledged incidents. Pure: times come from the caller's clock.
 *
 * <pre>
 * IncidentDispatcher → NotificationGroups.add → due(now) → one notification per group → flushed
 * </pre>
 */
package dev.mosaic.notifier.group;
