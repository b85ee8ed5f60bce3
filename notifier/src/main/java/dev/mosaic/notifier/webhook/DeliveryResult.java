package dev.mosaic.notifier.webhook;

/**
 * How one notification to one receiver ended, and what it took.
 *
 * @param outcome how it ended
 * @param attempts requests sent, 0 if the notifier stopped before the first
 * @param lastStatus the last status a receiver answered in any attempt (HTTP status, SMTP reply
 *     code); an attempt without an answer (a timeout, a connection error) does not change it; 0 if
 *     no attempt got an answer
 */
public record DeliveryResult(DeliveryOutcome outcome, int attempts, int lastStatus) {}
