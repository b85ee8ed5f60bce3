package dev.mosaic.contract;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An incident: one series of one check away from OK, from the moment it left OK until it is back.
 * Its latest version is the value of the compacted {@code incident-state} topic under its id.
 *
 * @param id stable for the incident's life, derived from check, series and opening time
 * @param check the check's name
 * @param series the Graphite path of the series
 * @param state the series' state now; {@link SeriesState#OK} once resolved by recovery (an incident
 *     closed because its check was removed keeps its last state)
 * @param severity the check's severity, e.g. {@code page}
 * @param labels the check's labels (team, service, runbook, ...)
 * @param description the check's description template, filled in for this series
 * @param openedAtMillis when it opened, epoch milliseconds
 * @param resolvedAtMillis when it resolved, epoch milliseconds; {@code null} while open
 * @param triggerValue the value that opened it; {@code null} if it opened for missing data
 * @param acknowledged whether someone acknowledged it through the API
 * @param silencedUntilMillis until when its events do not page, epoch milliseconds; 0 for never
 * @param flapping whether its series is flapping now
 * @param history every state change, oldest first
 */
public record Incident(
    String id,
    String check,
    String series,
    SeriesState state,
    String severity,
    Map<String, String> labels,
    String description,
    long openedAtMillis,
    Long resolvedAtMillis,
    Double triggerValue,
    boolean acknowledged,
    long silencedUntilMillis,
    boolean flapping,
    List<IncidentTransition> history) {
  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(state, "state");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    history = history == null ? List.of() : List.copyOf(history);
  }

  public boolean isOpen() {
    return resolvedAtMillis == null;
  }

  public boolean isSilencedAt(long millis) {
    return millis < silencedUntilMillis;
  }
}
