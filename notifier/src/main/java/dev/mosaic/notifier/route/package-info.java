/**
 * The routes file: its YAML format with {@code file:line} errors (receivers, schedules,
 * escalations, routes), the routing tree that chooses receivers for an incident, and the hot reload
 * that keeps the last good version. Pure: no Kafka, no HTTP; time comes from the injected clock.
 *
 * <pre>
 * notifier.yaml → RoutesFile → RoutesFileParser → Routing (RouteTree, receivers, schedules, policies)
 * </pre>
 */
package dev.mosaic.notifier.route;
