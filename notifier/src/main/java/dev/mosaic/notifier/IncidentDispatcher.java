package dev.mosaic.notifier;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.notifier.escalation.EscalationPolicy;
import dev.mosaic.notifier.escalation.EscalationTimers;
import dev.mosaic.notifier.escalation.PendingEscalation;
import dev.mosaic.notifier.group.NotificationGroup;
import dev.mosaic.notifier.group.NotificationGroups;
import dev.mosaic.notifier.http.DeliveryLog;
import dev.mosaic.notifier.route.Route;
import dev.mosaic.notifier.route.Routing;
import dev.mosaic.notifier.webhook.GroupedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
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
 * NotifierService (consumer loop) → IncidentDispatcher → RouteTree → ReceiverSender (single events)
 *                                                                 → NotificationGroups (grouped)
 *                                   tick() → EscalationTimers, NotificationGroups → ReceiverSender
 * </pre>
 */
final class IncidentDispatcher {
  private final Supplier<Routing> routing;
  private final Outbox outbox;
  private final ReceiverSender sender;
  private final EscalationTimers escalations;
  private final NotificationGroups groups;
  private final Clock clock;
  private final MeterRegistry meters;

  IncidentDispatcher(
      Supplier<Routing> routing,
      Outbox outbox,
      DeliveryLog log,
      EscalationTimers escalations,
      NotificationGroups groups,
      ReceiverSender.Sleeper sleeper,
      Clock clock,
      MeterRegistry meters) {
    this.routing = routing;
    this.outbox = outbox;
    this.sender = new ReceiverSender(outbox, log, sleeper, clock, meters);
    this.escalations = escalations;
    this.groups = groups;
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
    OutgoingNotification outgoing =
        new OutgoingNotification(
            List.of(event.incident().id()),
            hook -> outbox.encoder().encode(event, hook),
            () -> outbox.emails().event(event));
    for (String name : current.resolve(targets, now)) {
      if (!sender.sendWhenAllowed(current, name, outgoing)) {
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
        OutgoingNotification outgoing =
            new OutgoingNotification(
                List.of(due.incidentId()),
                hook -> outbox.encoder().encodeEscalation(due.event(), hook, due.level()),
                () -> outbox.emails().escalation(due.event(), due.level()));
        for (String name : current.resolve(targets, now)) {
          if (!sender.sendWhenAllowed(current, name, outgoing)) {
            return false;
          }
        }
        meters.counter("mosaic.notifier.escalations", "policy", policy.name()).increment();
      }
      escalations.advance(due, policy);
    }
    for (NotificationGroup group : groups.due(now)) {
      Instant allowedAt = sender.tokensAt(current, current.resolve(group.targets(), now), now);
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
    OutgoingNotification outgoing =
        new OutgoingNotification(
            group.events().keySet(),
            hook -> Optional.of(outbox.encoder().encodeGroup(grouped, hook)),
            () -> outbox.emails().group(grouped));
    for (String name : current.resolve(group.targets(), now)) {
      if (!sender.sendNow(current, name, outgoing)) {
        return false;
      }
    }
    meters.counter("mosaic.notifier.group_notifications").increment();
    return true;
  }

  private void skipped(String reason) {
    meters.counter("mosaic.notifier.events_not_routed", "reason", reason).increment();
  }
}
