/**
 * The notifier's HTTP API ({@code GET /health}, {@code GET /notifications?incident=}) and the
 * in-memory delivery log behind it.
 *
 * <pre>
 * IncidentDispatcher → DeliveryLog ← NotifierHttpApi ← HTTP client
 * </pre>
 */
package dev.mosaic.notifier.http;
