/**
 * The generic JSON webhook: the payload, its HMAC-SHA256 signature, the idempotency key, and
 * delivery with exponential backoff and jitter over the JDK's {@code HttpClient}.
 *
 * <pre>
 * IncidentEvent → WebhookPayloadEncoder → Notification → WebhookDeliverer (WebhookSigner, Backoff)
 * </pre>
 */
package dev.mosaic.notifier.webhook;
