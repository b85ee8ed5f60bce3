package dev.mosaic.stateengine.incident;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.IncidentTransition;
import dev.mosaic.contract.SeriesState;
import java.util.List;

/** An {@link Incident} with some fields changed; records have no withers. */
final class IncidentCopy {
  private final Incident from;
  private final SeriesState state;
  private final String description;
  private final List<IncidentTransition> history;
  private Long resolvedAt;
  private boolean acknowledged;
  private long silencedUntil;
  private boolean flapping;

  IncidentCopy(
      Incident from, SeriesState state, String description, List<IncidentTransition> history) {
    this.from = from;
    this.state = state;
    this.description = description;
    this.history = history;
    this.resolvedAt = from.resolvedAtMillis();
    this.acknowledged = from.acknowledged();
    this.silencedUntil = from.silencedUntilMillis();
    this.flapping = from.flapping();
  }

  IncidentCopy resolvedAt(Long millis) {
    resolvedAt = millis;
    return this;
  }

  IncidentCopy acknowledged(boolean value) {
    acknowledged = value;
    return this;
  }

  IncidentCopy silencedUntil(long millis) {
    silencedUntil = millis;
    return this;
  }

  IncidentCopy flapping(boolean value) {
    flapping = value;
    return this;
  }

  Incident build() {
    return new Incident(
        from.id(),
        from.check(),
        from.series(),
        state,
        from.severity(),
        from.labels(),
        description,
        from.openedAtMillis(),
        resolvedAt,
        from.triggerValue(),
        acknowledged,
        silencedUntil,
        flapping,
        history);
  }
}
