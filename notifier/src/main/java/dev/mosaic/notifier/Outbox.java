package dev.mosaic.notifier;

import dev.mosaic.notifier.email.EmailComposer;
import dev.mosaic.notifier.email.SmtpEmailSender;
import dev.mosaic.notifier.webhook.NotificationEncoder;
import dev.mosaic.notifier.webhook.WebhookDeliverer;
import java.util.Objects;

/**
 * How notifications leave the notifier: the encoders and senders of each receiver kind.
 *
 * <pre>
 * IncidentDispatcher → Outbox → (NotificationEncoder → WebhookDeliverer | EmailComposer → SmtpEmailSender)
 * </pre>
 *
 * @param encoder bodies for webhook, Slack and PagerDuty receivers
 * @param webhooks posts them
 * @param emails subjects and bodies for email receivers
 * @param mailer sends them over SMTP
 */
record Outbox(
    NotificationEncoder encoder,
    WebhookDeliverer webhooks,
    EmailComposer emails,
    SmtpEmailSender mailer) {
  Outbox {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(emails, "emails");
    Objects.requireNonNull(mailer, "mailer");
  }
}
