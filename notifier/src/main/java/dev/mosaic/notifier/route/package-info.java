/**
 * The routes file: its YAML format with {@code file:line} errors, the routing tree that chooses
 * receivers for an incident, and the hot reload that keeps the last good version. Pure: no Kafka,
 * no HTTP; time comes from the injected clock.
 *
 * <pre>
 * notifier.yaml → RoutesFile → RoutesFileParser → Routing (RouteTree + receivers)
 * </pre>
 */
package dev.mosaic.notifier.route;
