package dev.mosaic.notifier.webhook;

import dev.mosaic.contract.IncidentEvent;
import java.util.Optional;

/**
 * Encodes an incident event in the format of the receiver it goes to, keeping one idempotency key
 * per event whatever the format.
 *
 * <pre>
 * IncidentEvent + WebhookReceiver → NotificationEncoder → Notification → WebhookDeliverer
 * </pre>
 */
public final class NotificationEncoder {
  private final WebhookPayloadEncoder webhook;
  private final SlackMessageEncoder slack;
  private final PagerDutyEventEncoder pagerDuty;

  /**
   * @param incidentUrlTemplate link to an incident, {@code {id}} replaced by its id; empty for none
   */
  public NotificationEncoder(String incidentUrlTemplate) {
    this.webhook = new WebhookPayloadEncoder(incidentUrlTemplate);
    this.slack = new SlackMessageEncoder(incidentUrlTemplate);
    this.pagerDuty = new PagerDutyEventEncoder(incidentUrlTemplate);
  }

  /**
   * @return empty when the receiver's format has nothing to say about this kind of event
   */
  public Optional<Notification> encode(IncidentEvent event, WebhookReceiver receiver) {
    String key = Notification.idempotencyKey(event);
    String id = event.incident().id();
    return switch (receiver.format()) {
      case WEBHOOK -> Optional.of(webhook.encode(event));
      case SLACK -> Optional.of(new Notification(id, key, slack.encode(event)));
      case PAGERDUTY ->
          pagerDuty
              .encode(event, receiver.routingKey())
              .map(body -> new Notification(id, key, body));
    };
  }

  /**
   * Encodes level {@code level} of an escalation of the incident of {@code event}, its latest
   * event. PagerDuty gets the event's trigger again, for the level's own routing key.
   *
   * @return empty when the receiver's format has nothing to say about this kind of event
   */
  public Optional<Notification> encodeEscalation(
      IncidentEvent event, WebhookReceiver receiver, int level) {
    String key = Notification.escalationKey(event, level);
    String id = event.incident().id();
    return switch (receiver.format()) {
      case WEBHOOK -> Optional.of(webhook.encodeEscalation(event, level));
      case SLACK -> Optional.of(new Notification(id, key, slack.encodeEscalation(event, level)));
      case PAGERDUTY ->
          pagerDuty
              .encode(event, receiver.routingKey())
              .map(body -> new Notification(id, key, body));
    };
  }

  /** Encodes a group's notification; every format has one. */
  public Notification encodeGroup(GroupedEvents group, WebhookReceiver receiver) {
    String key = group.idempotencyKey();
    return switch (receiver.format()) {
      case WEBHOOK -> webhook.encodeGroup(group);
      case SLACK -> new Notification(group.groupKey(), key, slack.encodeGroup(group));
      case PAGERDUTY ->
          new Notification(
              group.groupKey(), key, pagerDuty.encodeGroup(group, receiver.routingKey()));
    };
  }
}
