package dev.mosaic.notifier;

import dev.mosaic.notifier.email.EmailMessage;
import dev.mosaic.notifier.webhook.Notification;
import dev.mosaic.notifier.webhook.WebhookReceiver;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One notification (an event, an escalation level or a group) in the form of each receiver kind,
 * made only for the kinds it is sent to.
 *
 * <pre>
 * IncidentDispatcher → OutgoingNotification → ReceiverSender → Outbox → receiver
 * </pre>
 *
 * @param incidentIds the incidents it is about; the delivery is logged under each
 * @param webhook the body for a webhook receiver; empty when its format has nothing to send
 * @param email the message for an email receiver
 */
record OutgoingNotification(
    Collection<String> incidentIds,
    Function<WebhookReceiver, Optional<Notification>> webhook,
    Supplier<EmailMessage> email) {
  OutgoingNotification {
    Objects.requireNonNull(incidentIds, "incidentIds");
    Objects.requireNonNull(webhook, "webhook");
    Objects.requireNonNull(email, "email");
  }
}
