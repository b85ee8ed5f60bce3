package dev.mosaic.notifier.webhook;

import dev.mosaic.contract.IncidentEvent;
import java.util.Locale;
import java.util.Objects;

/**
 * One incident event encoded for delivery, with the key that is the same every time this event is
 * delivered, so that a receiver can drop a repeat after a retry or a notifier restart.
 *
 * <pre>
 * IncidentEvent → WebhookPayloadEncoder → Notification → WebhookDeliverer
 * </pre>
 *
 * @param incidentId the incident's id
 * @param idempotencyKey {@code <incident id>/<event kind>/<event time millis>} for one event; see
 *     {@link #escalationKey} and the grouped keys for the others
 * @param body the JSON body, exactly as signed and sent
 */
public record Notification(String incidentId, String idempotencyKey, byte[] body) {
  public Notification {
    Objects.requireNonNull(incidentId);
    Objects.requireNonNull(idempotencyKey);
    Objects.requireNonNull(body);
  }

  /** The idempotency key of an event: stable because every part comes from the event itself. */
  public static String idempotencyKey(IncidentEvent event) {
    return event.incident().id()
        + "/"
        + event.kind().name().toLowerCase(Locale.ROOT)
        + "/"
        + event.atMillis();
  }

  /**
   * The key of an escalation: {@code <incident id>/escalation/<level>}, the same for every retry
   * and redelivery of that level.
   */
  public static String escalationKey(IncidentEvent event, int level) {
    return event.incident().id() + "/escalation/" + level;
  }
}
