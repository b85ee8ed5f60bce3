package dev.mosaic.notifier;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.notifier.escalation.EscalationPolicy;
import dev.mosaic.notifier.escalation.EscalationTimers;
import dev.mosaic.notifier.escalation.PendingEscalation;
import dev.mosaic.notifier.group.NotificationGroup;
import dev.mosaic.notifier.group.NotificationGroups;
import dev.mosaic.notifier.http.DeliveryLog;
import dev.mosaic.notifier.ratelimit.RateLimit;
import dev.mosaic.notifier.ratelimit.ReceiverRateLimiter;
import dev.mosaic.notifier.route.Route;
import dev.mosaic.notifier.route.Routing;
import dev.mosaic.notifier.webhook.DeliveryOutcome;
import dev.mosaic.notifier.webhook.DeliveryResult;
import dev.mosaic.notifier.webhook.GroupedEvents;
import dev.mosaic.notifier.webhook.Notification;
import dev.mosaic.notifier.webhook.NotificationEncoder;
import dev.mosaic.notifier.webhook.WebhookDeliverer;
import dev.mosaic.notifier.webhook.WebhookReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sends one paging (or acknowledgement) event to every receiver its routes choose, one after the
 * other, or adds it to its group on a route that groups; starts the escalation timer of an incident
 * that opened on a route with a policy; and on every {@link #tick()} sends the escalation levels
 * and groups that are due.
 *
 * <pre>
 * NotifierService (consumer loop) → IncidentDispatcher → RouteTree → WebhookDeliverer
 *                                                     → NotificationGroups ┐
 *                                       tick() → EscalationTimers, NotificationGroups → WebhookDeliverer
 * </pre>
 */
final class IncidentDispatcher {
  /** Waits for a receiver's rate limit; {@code StopSignal::waitUnlessStopped} in service. */
  interface Sleeper {
    /**
     * @return false if the notifier stopped instead
     */
    boolean sleep(Duration duration);
  }

  private final Supplier<Routing> routing;
  private final NotificationEncoder encoder;
  private final WebhookDeliverer deliverer;
  private final DeliveryLog log;
  private final EscalationTimers escalations;
  private final NotificationGroups groups;
  private final ReceiverRateLimiter limiter = new ReceiverRateLimiter();
  private final Sleeper sleeper;
  private final Clock clock;
  private final MeterRegistry meters;

  IncidentDispatcher(
      Supplier<Routing> routing,
      NotificationEncoder encoder,
      WebhookDeliverer deliverer,
      DeliveryLog log,
      EscalationTimers escalations,
      NotificationGroups groups,
      Sleeper sleeper,
      Clock clock,
      MeterRegistry meters) {
    this.routing = routing;
    this.encoder = encoder;
    this.deliverer = deliverer;
    this.log = log;
    this.escalations = escalations;
    this.groups = groups;
    this.sleeper = sleeper;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * @return false if the notifier stopped before every receiver was done with the event, which must
   *     then stay pending
   */
  boolean dispatch(IncidentEvent event) {
    // Every event, paging or not, may end an escalation (acknowledged, silenced, resolved).
    escalations.onEvent(event);
    // Acknowledgements never page, but receivers that track incidents (PagerDuty) need them.
    if (!event.pages() && event.kind() != IncidentEvent.Kind.ACKNOWLEDGED) {
      skipped("not_paging");
      return true;
    }
    Routing current = routing.get();
    List<Route> routes = current.tree().routesFor(event.incident());
    if (routes.isEmpty()) {
      skipped("no_route");
      return true;
    }
    Instant now = clock.instant();
    Set<String> targets = new LinkedHashSet<>();
    for (Route route : routes) {
      if (route.grouping() == null) {
        targets.addAll(route.receivers());
      } else {
        groups.add(route.line(), route.receivers(), route.grouping(), event, now);
      }
    }
    for (String name : current.resolve(targets, now)) {
      // The parser resolved every name, so the receiver exists in the same Routing.
      WebhookReceiver receiver = current.receivers().get(name);
      if (!awaitToken(current, name) || !deliver(receiver, encoder.encode(event, receiver))) {
        return false;
      }
    }
    if (event.kind() == IncidentEvent.Kind.OPENED) {
      // The first route that names a policy decides; one timer per incident.
      routes.stream()
          .filter(route -> route.escalation() != null)
          .findFirst()
          .ifPresent(
              route -> escalations.start(event, current.escalations().get(route.escalation())));
    }
    return true;
  }

  /**
   * Sends every escalation level due by the clock.
   *
   * @return false if the notifier stopped meanwhile; the level cut short stays due
   */
  boolean tick() {
    Instant now = clock.instant();
    Routing current = routing.get();
    for (PendingEscalation due : escalations.due(now)) {
      EscalationPolicy policy = current.escalations().get(due.policy());
      if (policy != null && due.level() <= policy.levels().size()) {
        List<String> targets = policy.levels().get(due.level() - 1).targets();
        for (String name : current.resolve(targets, now)) {
          WebhookReceiver receiver = current.receivers().get(name);
          if (receiver != null
              && (!awaitToken(current, name)
                  || !deliver(
                      receiver, encoder.encodeEscalation(due.event(), receiver, due.level())))) {
            return false;
          }
        }
        meters.counter("mosaic.notifier.escalations", "policy", policy.name()).increment();
      }
      escalations.advance(due, policy);
    }
    for (NotificationGroup group : groups.due(now)) {
      Instant allowedAt = tokensAt(current, group, now);
      if (allowedAt.isAfter(now)) {
        // Over a receiver's limit: later, and whatever arrives until then joins the group.
        meters.counter("mosaic.notifier.groups_postponed").increment();
        groups.postpone(group, allowedAt);
        continue;
      }
      if (!sendGroup(current, group, now)) {
        return false;
      }
      groups.flushed(group, now);
    }
    return true;
  }

  /** When every rate-limited receiver of the group has a token; {@code now} if they all do. */
  private Instant tokensAt(Routing current, NotificationGroup group, Instant now) {
    Instant at = now;
    for (String name : current.resolve(group.targets(), now)) {
      RateLimit limit = current.rateLimits().get(name);
      if (limit != null) {
        Instant available = limiter.availableAt(name, limit, now);
        at = available.isAfter(at) ? available : at;
      }
    }
    return at;
  }

  /**
   * Takes a token of the receiver's rate limit, waiting for one if needed; the events behind wait
   * in Kafka meanwhile.
   *
   * @return false if the notifier stopped while waiting
   */
  private boolean awaitToken(Routing current, String name) {
    RateLimit limit = current.rateLimits().get(name);
    if (limit == null) {
      return true;
    }
    while (true) {
      Instant now = clock.instant();
      Optional<Instant> next = limiter.reserve(name, limit, now);
      if (next.isEmpty()) {
        return true;
      }
      limited(name);
      if (!sleeper.sleep(Duration.between(now, next.get()))) {
        return false;
      }
    }
  }

  private void limited(String receiver) {
    meters.counter("mosaic.notifier.rate_limited", "receiver", receiver).increment();
  }

  /**
   * @return false if the notifier stopped before every receiver was done
   */
  private boolean sendGroup(Routing current, NotificationGroup group, Instant now) {
    GroupedEvents grouped =
        new GroupedEvents(
            group.key(),
            group.nextIdempotencyKey(),
            group.labels(),
            List.copyOf(group.events().values()),
            now.toEpochMilli());
    for (String name : current.resolve(group.targets(), now)) {
      WebhookReceiver receiver = current.receivers().get(name);
      if (receiver == null) {
        continue; // removed from the routes file since the group was made
      }
      RateLimit limit = current.rateLimits().get(name);
      if (limit != null) {
        limiter.reserve(name, limit, now); // tokensAt saw one for each
      }
      Notification notification = encoder.encodeGroup(grouped, receiver);
      DeliveryResult result = deliverer.deliver(receiver, notification);
      for (String incidentId : group.events().keySet()) {
        record(incidentId, receiver, notification, result);
      }
      if (result.outcome() == DeliveryOutcome.STOPPED) {
        return false;
      }
    }
    meters.counter("mosaic.notifier.group_notifications").increment();
    return true;
  }

  /**
   * @return false if the notifier stopped before the receiver was done
   */
  private boolean deliver(WebhookReceiver receiver, Optional<Notification> notification) {
    if (notification.isEmpty()) {
      return true;
    }
    DeliveryResult result = deliverer.deliver(receiver, notification.get());
    record(notification.get().incidentId(), receiver, notification.get(), result);
    return result.outcome() != DeliveryOutcome.STOPPED;
  }

  private void record(
      String incidentId,
      WebhookReceiver receiver,
      Notification notification,
      DeliveryResult result) {
    log.add(
        new DeliveryLog.Entry(
            incidentId,
            receiver.name(),
            notification.idempotencyKey(),
            result.outcome(),
            result.attempts(),
            result.lastStatus(),
            clock.millis()));
  }

  private void skipped(String reason) {
    meters.counter("mosaic.notifier.events_not_routed", "reason", reason).increment();
  }
}
