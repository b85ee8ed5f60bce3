/**
 * The generic JSON webhook: the payload, its HMAC-SHA256 signature, the idempotency key, and
 * delivery with exponential backoff and jitter over the JDK's {@code HttpClient}. The retry loop
 * ({@code DeliveryAttempts}) and its results are shared with email delivery.
 *
 * <pre>
 * IncidentEvent → WebhookPayloadEncoder → Notification → WebhookDeliverer (WebhookSigner, DeliveryAttempts)
 * </pre>
 */
package dev.mosaic.notifier.webhook;
