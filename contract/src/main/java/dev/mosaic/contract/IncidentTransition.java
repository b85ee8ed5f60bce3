package dev.mosaic.contract;

import java.util.Objects;

/**
 * One change of an incident's series state, kept in the incident's history.
 *
 * @param atMillis when the state engine decided it, epoch milliseconds
 * @param from the state before
 * @param to the state after
 * @param value the value that caused it; {@code null} when the cause is missing data
 */
public record IncidentTransition(long atMillis, SeriesState from, SeriesState to, Double value) {
  public IncidentTransition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
