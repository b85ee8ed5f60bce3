package dev.mosaic.stateengine.eval;

import dev.mosaic.contract.SeriesState;

/**
 * What one evaluation changed about a series: its state, its flapping, or both.
 *
 * @param from the state before
 * @param to the state after; equal to {@code from} when only flapping changed
 * @param value the value evaluated; {@code null} when missing data caused the change
 * @param flapping whether the series flaps after this evaluation
 * @param flappingChanged whether this evaluation started or stopped the flapping
 */
public record SeriesChange(
    SeriesState from, SeriesState to, Double value, boolean flapping, boolean flappingChanged) {
  public boolean stateChanged() {
    return from != to;
  }
}
