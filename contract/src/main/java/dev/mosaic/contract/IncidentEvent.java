package dev.mosaic.contract;

import java.util.Objects;

/**
 * One change of an incident, as published on the {@code incidents} topic for the notifier.
 *
 * @param kind what happened
 * @param atMillis when, epoch milliseconds
 * @param pages whether a receiver should notify a human: false while the incident is silenced, its
 *     series flaps (only {@link Kind#FLAPPING_STARTED} pages), or for missing data when the check
 *     says it does not page, and for acknowledgements and silences themselves
 * @param incident the incident after the change
 */
public record IncidentEvent(Kind kind, long atMillis, boolean pages, Incident incident) {
  public IncidentEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(incident, "incident");
  }

  /** What happened to the incident. */
  public enum Kind {
    OPENED,
    /** WARNING to CRITICAL, in place. */
    ESCALATED,
    /** Still away from OK, but in a lesser or different state (CRITICAL to WARNING, UNKNOWN). */
    CHANGED,
    RESOLVED,
    ACKNOWLEDGED,
    SILENCED,
    FLAPPING_STARTED,
    FLAPPING_STOPPED
  }
}
