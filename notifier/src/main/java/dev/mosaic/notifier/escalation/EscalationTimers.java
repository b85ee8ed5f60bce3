package dev.mosaic.notifier.escalation;

import dev.mosaic.contract.IncidentEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pending escalations, one per incident. An incident's timer starts with its opening event on a
 * route that has a policy, and stops when it is acknowledged, silenced or resolved. Every change is
 * reported to a {@link Listener} so that it can be kept in Kafka. Not thread-safe: the notifier's
 * consumer loop owns it.
 *
 * <pre>
 * incident events → EscalationTimers ─ due(now) → level's receivers → advance
 *                                    └ Listener → notifier-state topic
 * </pre>
 */
public final class EscalationTimers {
  /** Hears every change, to persist it. */
  public interface Listener {
    /** The incident's pending escalation is now {@code pending}. */
    void saved(PendingEscalation pending);

    /** The incident has no pending escalation any more. */
    void removed(String incidentId);
  }

  private final Map<String, PendingEscalation> pending = new LinkedHashMap<>();
  private final Listener listener;

  public EscalationTimers(Listener listener) {
    this.listener = listener;
  }

  /** Puts back a pending escalation read from Kafka at start; the listener is not called. */
  public void restore(PendingEscalation escalation) {
    pending.put(escalation.incidentId(), escalation);
  }

  /**
   * Follows an incident event: an acknowledgement, silence or resolution (or an incident that
   * already says it is acknowledged or resolved) stops its timer; any other event of an incident
   * with a timer becomes the event that an escalation describes.
   */
  public void onEvent(IncidentEvent event) {
    String id = event.incident().id();
    if (stops(event)) {
      if (pending.remove(id) != null) {
        listener.removed(id);
      }
      return;
    }
    PendingEscalation current = pending.get(id);
    if (current != null) {
      save(new PendingEscalation(current.policy(), current.level(), current.dueAtMillis(), event));
    }
  }

  /**
   * Starts the timer of an incident that was just notified on a route with {@code policy}: level 1
   * is due {@code after} its first level's wait from the event's time. An incident with a timer
   * keeps it.
   */
  public void start(IncidentEvent event, EscalationPolicy policy) {
    if (stops(event) || pending.containsKey(event.incident().id())) {
      return;
    }
    long due = event.atMillis() + policy.levels().get(0).after().toMillis();
    save(new PendingEscalation(policy.name(), 1, due, event));
  }

  /**
   * The escalations due at {@code now}, in the order their timers started. They stay pending until
   * {@link #advance}d, so that one whose notification was cut short by a stop is sent again.
   */
  public List<PendingEscalation> due(Instant now) {
    List<PendingEscalation> due = new ArrayList<>();
    for (PendingEscalation escalation : pending.values()) {
      if (escalation.dueAtMillis() <= now.toEpochMilli()) {
        due.add(escalation);
      }
    }
    return due;
  }

  /**
   * Moves a notified escalation on to its next level, due that level's wait after this one was due
   * (so a notifier that was down catches up level by level), or ends it after the last level.
   *
   * @param policy its policy in the running routes file; null if there is none any more, which ends
   *     it
   */
  public void advance(PendingEscalation notified, EscalationPolicy policy) {
    String id = notified.incidentId();
    if (!notified.equals(pending.get(id))) {
      return; // stopped or changed meanwhile
    }
    int next = notified.level() + 1;
    if (policy == null || next > policy.levels().size()) {
      pending.remove(id);
      listener.removed(id);
      return;
    }
    long nextDue = notified.dueAtMillis() + policy.levels().get(next - 1).after().toMillis();
    save(new PendingEscalation(notified.policy(), next, nextDue, notified.event()));
  }

  public Collection<PendingEscalation> pending() {
    return List.copyOf(pending.values());
  }

  private void save(PendingEscalation escalation) {
    pending.put(escalation.incidentId(), escalation);
    listener.saved(escalation);
  }

  private static boolean stops(IncidentEvent event) {
    return switch (event.kind()) {
      case ACKNOWLEDGED, SILENCED, RESOLVED -> true;
      default -> event.incident().acknowledged() || !event.incident().isOpen();
    };
  }
}
