package dev.mosaic.notifier;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.notifier.email.EmailMessage;
import dev.mosaic.notifier.email.EmailReceiver;
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
import dev.mosaic.notifier.webhook.WebhookReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
  private final Outbox outbox;
  private final DeliveryLog log;
  private final EscalationTimers escalations;
  private final NotificationGroups groups;
  private final ReceiverRateLimiter limiter = new ReceiverRateLimiter();
  private final Sleeper sleeper;
  private final Clock clock;
  private final MeterRegistry meters;

  IncidentDispatcher(
      Supplier<Routing> routing,
      Outbox outbox,
      DeliveryLog log,
      EscalationTimers escalations,
      NotificationGroups groups,
      Sleeper sleeper,
      Clock clock,
      MeterRegistry meters) {
    this.routing = routing;
    this.outbox = outbox;
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
      if (!awaitToken(current, name)
          || !sendTo(
              current,
              name,
              List.of(event.incident().id()),
              hook -> outbox.encoder().encode(event, hook),
              () -> outbox.emails().event(event))) {
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
          if (!awaitToken(current, name)
              || !sendTo(
                  current,
                  name,
                  List.of(due.incidentId()),
                  hook -> outbox.encoder().encodeEscalation(due.event(), hook, due.level()),
                  () -> outbox.emails().escalation(due.event(), due.level()))) {
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
      RateLimit limit = current.rateLimits().get(name);
      if (limit != null) {
        limiter.reserve(name, limit, now); // tokensAt saw one for each
      }
      if (!sendTo(
          current,
          name,
          group.events().keySet(),
          hook -> Optional.of(outbox.encoder().encodeGroup(grouped, hook)),
          () -> outbox.emails().group(grouped))) {
        return false;
      }
    }
    meters.counter("mosaic.notifier.group_notifications").increment();
    return true;
  }

  /**
   * Sends to one receiver, webhook or email, and logs the outcome under every incident it is about.
   * A name no longer in the routes file (a group made before a reload) is skipped.
   *
   * @param webhook the body for a webhook receiver; empty when its format has nothing to send
   * @return false if the notifier stopped before the receiver was done
   */
  private boolean sendTo(
      Routing current,
      String name,
      Collection<String> incidentIds,
      Function<WebhookReceiver, Optional<Notification>> webhook,
      Supplier<EmailMessage> email) {
    String key;
    DeliveryResult result;
    WebhookReceiver hook = current.receivers().get(name);
    EmailReceiver mailbox = current.emails().get(name);
    if (hook != null) {
      Optional<Notification> notification = webhook.apply(hook);
      if (notification.isEmpty()) {
        return true;
      }
      key = notification.get().idempotencyKey();
      result = outbox.webhooks().deliver(hook, notification.get());
    } else if (mailbox != null) {
      EmailMessage message = email.get();
      key = message.idempotencyKey();
      result = outbox.mailer().send(mailbox, message);
    } else {
      return true;
    }
    for (String incidentId : incidentIds) {
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

  private void skipped(String reason) {
    meters.counter("mosaic.notifier.events_not_routed", "reason", reason).increment();
  }
}
