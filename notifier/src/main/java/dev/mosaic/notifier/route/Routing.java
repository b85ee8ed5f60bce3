package dev.mosaic.notifier.route;

import dev.mosaic.contract.Incident;
import dev.mosaic.notifier.email.EmailReceiver;
import dev.mosaic.notifier.escalation.EscalationPolicy;
import dev.mosaic.notifier.ratelimit.RateLimit;
import dev.mosaic.notifier.schedule.Schedule;
import dev.mosaic.notifier.webhook.WebhookReceiver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One valid routes file: the tree, the receivers its routes name (webhooks and email, one name
 * space), the on-call schedules they may name as {@code oncall:<schedule>}, the escalation policies
 * (every name resolves), and the rate limits of the receivers that have one.
 *
 * <pre>
 * RoutesFile → Routing → NotifierService
 * </pre>
 */
public record Routing(
    RouteTree tree,
    Map<String, WebhookReceiver> receivers,
    Map<String, EmailReceiver> emails,
    Map<String, Schedule> schedules,
    Map<String, EscalationPolicy> escalations,
    Map<String, RateLimit> rateLimits) {
  /** How a route names "whoever is on call for a schedule": {@code oncall:<schedule name>}. */
  public static final String ONCALL_PREFIX = "oncall:";

  public static final Routing EMPTY =
      new Routing(RouteTree.EMPTY, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

  public Routing {
    receivers = Map.copyOf(receivers);
    emails = Map.copyOf(emails);
    schedules = Map.copyOf(schedules);
    escalations = Map.copyOf(escalations);
    rateLimits = Map.copyOf(rateLimits);
  }

  public Routing(RouteTree tree, Map<String, WebhookReceiver> receivers) {
    this(tree, receivers, Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** The receivers of an incident at {@code at}, on-call targets resolved, each once. */
  public List<String> receiversFor(Incident incident, Instant at) {
    return resolve(tree.receiversFor(incident), at);
  }

  /**
   * Replaces every {@code oncall:<schedule>} target with the receiver on call at {@code at}.
   *
   * @return receiver names in target order, each once
   */
  public List<String> resolve(Collection<String> targets, Instant at) {
    Set<String> names = new LinkedHashSet<>();
    for (String target : targets) {
      if (target.startsWith(ONCALL_PREFIX)) {
        // The parser checked that the schedule exists.
        names.add(schedules.get(target.substring(ONCALL_PREFIX.length())).onCallAt(at).member());
      } else {
        names.add(target);
      }
    }
    return new ArrayList<>(names);
  }
}
