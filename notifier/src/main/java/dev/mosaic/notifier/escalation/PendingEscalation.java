package dev.mosaic.notifier.escalation;

import dev.mosaic.contract.IncidentEvent;
import java.util.Objects;

/**
 * An incident waiting to be escalated: the next level to notify and when.
 *
 * @param policy the escalation policy's name, looked up in the running routes file when due
 * @param level the next level to notify, 1 for the policy's first
 * @param dueAtMillis when, epoch milliseconds
 * @param event the incident's latest event, which the escalation notification describes
 */
public record PendingEscalation(String policy, int level, long dueAtMillis, IncidentEvent event) {
  public PendingEscalation {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(event, "event");
    if (level < 1) {
      throw new IllegalArgumentException("levels count from 1: " + level);
    }
  }

  public String incidentId() {
    return event.incident().id();
  }
}
