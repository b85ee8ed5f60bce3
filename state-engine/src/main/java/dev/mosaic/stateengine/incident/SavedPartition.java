package dev.mosaic.stateengine.incident;

import dev.mosaic.contract.Incident;
import dev.mosaic.contract.SeriesSnapshot;
import java.util.List;

/**
 * What one incident-state partition holds: the latest version of each incident and series snapshot
 * of the series whose aggregates are in the partition of the same number.
 */
public record SavedPartition(int partition, List<Incident> incidents, List<SeriesSnapshot> series) {
  public SavedPartition {
    incidents = List.copyOf(incidents);
    series = List.copyOf(series);
  }
}
