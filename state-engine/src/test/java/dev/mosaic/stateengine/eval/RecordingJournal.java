package dev.mosaic.stateengine.eval;

import dev.mosaic.contract.IncidentEvent;
import dev.mosaic.contract.SeriesSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A journal that keeps what it is given, as lines and as the latest snapshot per key. */
final class RecordingJournal implements StateJournal {
  final List<String> lines = new ArrayList<>();
  final Map<String, SeriesSnapshot> snapshots = new TreeMap<>();

  @Override
  public void events(int partition, List<IncidentEvent> events) {
    events.forEach(e -> lines.add(partition + " event " + e.kind()));
  }

  @Override
  public void series(int partition, String key, SeriesSnapshot snapshot) {
    lines.add(
        partition + " series " + key + " " + (snapshot == null ? "deleted" : snapshot.state()));
    if (snapshot == null) {
      snapshots.remove(key);
    } else {
      snapshots.put(key, snapshot);
    }
  }

  @Override
  public void forgotten(int partition, String incidentId) {
    lines.add(partition + " forgotten " + incidentId);
  }
}
