/**
 * Per-receiver rate limits: a token bucket per receiver on the service clock. A single-event
 * notification over the limit waits for the next token; a group over the limit is postponed and
 * keeps collecting incidents.
 *
 * <pre>
 * IncidentDispatcher → ReceiverRateLimiter.reserve(receiver, limit, now) → now | when to retry
 * </pre>
 */
package dev.mosaic.notifier.ratelimit;
