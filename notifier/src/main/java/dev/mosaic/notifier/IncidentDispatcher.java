package dev.mosaic.notifier;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.notifier.http.DeliveryLog;
import dev.mosaic.notifier.route.Routing;
import dev.mosaic.notifier.webhook.DeliveryOutcome;
import dev.mosaic.notifier.webhook.DeliveryResult;
import dev.mosaic.notifier.webhook.Notification;
import dev.mosaic.notifier.webhook.NotificationEncoder;
import dev.mosaic.notifier.webhook.WebhookDeliverer;
import dev.mosaic.notifier.webhook.WebhookReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends one paging (or acknowledgement) event to every receiver its routes choose, one after the
 * other.
 *
 * <pre>
 * NotifierService (consumer loop) → IncidentDispatcher → RouteTree → WebhookDeliverer
 * </pre>
 */
final class IncidentDispatcher {
  private final Supplier<Routing> routing;
  private final NotificationEncoder encoder;
  private final WebhookDeliverer deliverer;
  private final DeliveryLog log;
  private final Clock clock;
  private final MeterRegistry meters;

  IncidentDispatcher(
      Supplier<Routing> routing,
      NotificationEncoder encoder,
      WebhookDeliverer deliverer,
      DeliveryLog log,
      Clock clock,
      MeterRegistry meters) {
    this.routing = routing;
    this.encoder = encoder;
    this.deliverer = deliverer;
    this.log = log;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * @return false if the notifier stopped before every receiver was done with the event, which must
   *     then stay pending
   */
  boolean dispatch(IncidentEvent event) {
    // Acknowledgements never page, but receivers that track incidents (PagerDuty) need them.
    if (!event.pages() && event.kind() != IncidentEvent.Kind.ACKNOWLEDGED) {
      skipped("not_paging");
      return true;
    }
    Routing current = routing.get();
    List<String> receivers = current.receiversFor(event.incident(), clock.instant());
    if (receivers.isEmpty()) {
      skipped("no_route");
      return true;
    }
    for (String name : receivers) {
      // The parser resolved every name, so the receiver exists in the same Routing.
      WebhookReceiver receiver = current.receivers().get(name);
      Optional<Notification> notification = encoder.encode(event, receiver);
      if (notification.isEmpty()) {
        continue;
      }
      DeliveryResult result = deliverer.deliver(receiver, notification.get());
      log.add(
          new DeliveryLog.Entry(
              notification.get().incidentId(),
              name,
              notification.get().idempotencyKey(),
              result.outcome(),
              result.attempts(),
              result.lastStatus(),
              clock.millis()));
      if (result.outcome() == DeliveryOutcome.STOPPED) {
        return false;
      }
    }
    return true;
  }

  private void skipped(String reason) {
    meters.counter("mosaic.notifier.events_not_routed", "reason", reason).increment();
  }
}
