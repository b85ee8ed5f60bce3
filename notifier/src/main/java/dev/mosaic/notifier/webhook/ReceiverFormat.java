package dev.mosaic.notifier.webhook;

/** The body a receiver expects; every format is posted, signed and keyed the same way. */
public enum ReceiverFormat {
  /** mosaic's own JSON, see {@link WebhookPayloadEncoder}. */
  WEBHOOK,
  /** A Slack incoming-webhook message, see {@link SlackMessageEncoder}. */
  SLACK,
  /** A PagerDuty Events API v2 event, see {@link PagerDutyEventEncoder}. */
  PAGERDUTY
}
