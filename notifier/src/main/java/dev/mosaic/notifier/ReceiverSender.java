package dev.mosaic.notifier;

import dev.mosaic.notifier.email.EmailMessage;
import dev.mosaic.notifier.email.EmailReceiver;
import dev.mosaic.notifier.http.DeliveryLog;
import dev.mosaic.notifier.ratelimit.RateLimit;
import dev.mosaic.notifier.ratelimit.ReceiverRateLimiter;
import dev.mosaic.notifier.route.Routing;
import dev.mosaic.notifier.webhook.DeliveryOutcome;
import dev.mosaic.notifier.webhook.DeliveryResult;
import dev.mosaic.notifier.webhook.Notification;
import dev.mosaic.notifier.webhook.WebhookReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Sends one notification to one receiver by name, webhook or email, within the receiver's rate
 * limit, and logs the outcome under every incident it is about. Not thread-safe: the consumer loop
 * owns it.
 *
 * <pre>
 * IncidentDispatcher → ReceiverSender (ReceiverRateLimiter) → Outbox → receiver → DeliveryLog
 * </pre>
 */
final class ReceiverSender {
  /** Waits for a receiver's rate limit; {@code StopSignal::waitUnlessStopped} in service. */
  interface Sleeper {
    /**
     * @return false if the notifier stopped instead
     */
    boolean sleep(Duration duration);
  }

  private final Outbox outbox;
  private final DeliveryLog log;
  private final ReceiverRateLimiter limiter = new ReceiverRateLimiter();
  private final Sleeper sleeper;
  private final Clock clock;
  private final MeterRegistry meters;

  ReceiverSender(
      Outbox outbox, DeliveryLog log, Sleeper sleeper, Clock clock, MeterRegistry meters) {
    this.outbox = outbox;
    this.log = log;
    this.sleeper = sleeper;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * Sends once the receiver has a token, waiting for one if needed; the events behind wait in Kafka
   * meanwhile.
   *
   * @return false if the notifier stopped before the receiver was done
   */
  boolean sendWhenAllowed(Routing current, String name, OutgoingNotification outgoing) {
    RateLimit limit = current.rateLimits().get(name);
    while (limit != null) {
      Instant now = clock.instant();
      Optional<Instant> next = limiter.reserve(name, limit, now);
      if (next.isEmpty()) {
        break;
      }
      meters.counter("mosaic.notifier.rate_limited", "receiver", name).increment();
      if (!sleeper.sleep(Duration.between(now, next.get()))) {
        return false;
      }
    }
    return send(current, name, outgoing);
  }

  /** When every rate-limited one of {@code names} has a token; {@code now} if they all do. */
  Instant tokensAt(Routing current, Collection<String> names, Instant now) {
    Instant at = now;
    for (String name : names) {
      RateLimit limit = current.rateLimits().get(name);
      if (limit != null) {
        Instant available = limiter.availableAt(name, limit, now);
        at = available.isAfter(at) ? available : at;
      }
    }
    return at;
  }

  /**
   * Sends now, taking a token if the receiver has one left; call after {@link #tokensAt} said
   * {@code now}.
   *
   * @return false if the notifier stopped before the receiver was done
   */
  boolean sendNow(Routing current, String name, OutgoingNotification outgoing) {
    RateLimit limit = current.rateLimits().get(name);
    if (limit != null) {
      limiter.reserve(name, limit, clock.instant());
    }
    return send(current, name, outgoing);
  }

  /** A name no longer in the routes file (a group made before a reload) is skipped. */
  private boolean send(Routing current, String name, OutgoingNotification outgoing) {
    String key;
    DeliveryResult result;
    WebhookReceiver hook = current.receivers().get(name);
    EmailReceiver mailbox = current.emails().get(name);
    if (hook != null) {
      Optional<Notification> notification = outgoing.webhook().apply(hook);
      if (notification.isEmpty()) {
        return true;
      }
      key = notification.get().idempotencyKey();
      result = outbox.webhooks().deliver(hook, notification.get());
    } else if (mailbox != null) {
      EmailMessage message = outgoing.email().get();
      key = message.idempotencyKey();
      result = outbox.mailer().send(mailbox, message);
    } else {
      return true;
    }
    for (String incidentId : outgoing.incidentIds()) {
      log.add(
          new DeliveryLog.Entry(
              incidentId,
              name,
              key,
              result.outcome(),
              result.attempts(),
              result.lastStatus(),
              clock.millis()));
    }
    return result.outcome() != DeliveryOutcome.STOPPED;
  }
}
