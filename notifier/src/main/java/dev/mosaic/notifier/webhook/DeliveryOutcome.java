package dev.mosaic.notifier.webhook;

/** How one notification to one receiver ended. */
public enum DeliveryOutcome {
  /** The receiver answered 2xx. */
  DELIVERED,
  /** The receiver answered a status that retrying cannot fix (4xx but 408 and 429, 3xx). */
  REJECTED,
  /** Every allowed attempt failed with 5xx, 408, 429, a timeout or a connection error. */
  GAVE_UP,
  /** The notifier closed before the notification was delivered; it stays pending in Kafka. */
  STOPPED
}
