package dev.mosaic.notifier.webhook;

/**
 * How one notification to one receiver ended, and what it took.
 *
 * @param outcome how it ended
 * @param attempts requests sent, 0 if the notifier stopped before the first
 * @param lastStatus the last HTTP status received; 0 if none (timeouts, connection errors)
 */
public record DeliveryResult(DeliveryOutcome outcome, int attempts, int lastStatus) {}
